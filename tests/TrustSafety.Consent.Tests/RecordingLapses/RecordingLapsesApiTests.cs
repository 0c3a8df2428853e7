using TrustSafety.Consent.Aups;

namespace TrustSafety.Consent.Tests.RecordingLapses;

/// <summary>Expiry and lapse as time passes on the fake clock, recorded by the clock on the elected replica. Time only moves forward here.</summary>
public sealed class RecordingLapsesApiTests(ConsentApiFixture fixture) : IClassFixture<ConsentApiFixture>, IAsyncLifetime
{
    private HttpClient _head = null!;
    private HttpClient _staff = null!;

    public async Task InitializeAsync() => (_head, _staff) = await fixture.BlakehillAsync("head.blakehill");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task when_the_academic_year_ends_may_publish_turns_to_no_today_and_the_expiry_is_recorded()
    {
        var pupil = "upn-" + Guid.NewGuid().ToString("N")[..10];
        await _head.Enrol(pupil);
        await _staff.Answer(pupil, "website", given: true);
        var lastDay = new DateOnly(fixture.Today.Month >= 9 ? fixture.Today.Year + 1 : fixture.Today.Year, 8, 31);

        fixture.MoveTo(lastDay);
        (await _staff.MayPublish(pupil, "website")).Allowed.ShouldBeTrue("the last day of the academic year is still covered");

        fixture.MoveTo(lastDay.AddDays(1));
        var after = await _staff.MayPublish(pupil, "website");
        after.Allowed.ShouldBeFalse("an expired consent counts as not given");
        after.Basis.ShouldBe("expired");

        var lapses = await Eventually.Returns(() => fixture.Events<ConsentLapsed>(StreamIds.PupilConsent(pupil, "website")),
            found => found.Any(e => e.PupilId == pupil), TimeSpan.FromSeconds(20), "the clock records the expiry");
        var lapse = lapses.Single(e => e.PupilId == pupil);
        lapse.ExpiredOn.ShouldBe(lastDay.AddDays(1));
        lapse.TypeCode.ShouldBe("website");
    }

    [Fact]
    public async Task older_aup_signatures_count_during_the_grace_period_then_lapse_and_the_person_is_listed_as_unsigned()
    {
        var teacher = "t-" + Guid.NewGuid().ToString("N")[..8];
        var first = await _head.WithIfMatch(HttpMethod.Post, "/aups/staff/versions", new { title = "Staff AUP " + teacher, graceDays = 30 }, 0);
        var etag = first.StatusCode == HttpStatusCode.OK ? first.Headers.ETag!.Tag
            : (await _head.GetAsync("/aups/staff")).Headers.ETag!.Tag;
        var current = (await _head.GetFromJsonAsync<JsonElement>("/aups/staff")).GetProperty("currentVersion").GetInt32();
        (await _staff.PostAsJsonAsync("/aups/staff/signatures", new { personId = teacher, channel = "paper" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var next = await _head.WithIfMatch(HttpMethod.Post, "/aups/staff/versions", new { title = "Staff AUP, revised", graceDays = 30 },
            long.Parse(etag.Trim('"')));
        next.StatusCode.ShouldBe(HttpStatusCode.OK);
        var published = fixture.Today;

        var inGrace = await _staff.GetFromJsonAsync<JsonElement>($"/aups/staff/signatures/{teacher}");
        inGrace.GetProperty("state").GetString().ShouldBe("InGrace");
        inGrace.GetProperty("signedVersion").GetInt32().ShouldBe(current);

        fixture.MoveTo(published.AddDays(30));
        var lapsed = await _staff.GetFromJsonAsync<JsonElement>($"/aups/staff/signatures/{teacher}");
        lapsed.GetProperty("state").GetString().ShouldBe("Lapsed");
        var unsigned = await _staff.GetFromJsonAsync<JsonElement>("/aups/staff/unsigned");
        unsigned.EnumerateArray().Select(p => p.GetProperty("personId").GetString()).ShouldContain(teacher);

        await Eventually.True(async () => (await fixture.Events<AupSignatureLapsed>(StreamIds.AupSignatory("staff", teacher))).Any(e => e.PersonId == teacher),
            TimeSpan.FromSeconds(20), "the clock records the lapse");
    }
}
