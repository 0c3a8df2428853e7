using static TrustSafety.Consent.Tests.Fixtures.ConsentApiFixture;

namespace TrustSafety.Consent.Tests.AskingAboutConsent;

/// <summary>"May I publish this pupil's photo?", the do-not-photograph list, coverage and opt-outs, through the API as Blakehill's staff ask them.</summary>
public sealed class AskingAboutConsentApiTests(ConsentApiFixture fixture) : IClassFixture<ConsentApiFixture>, IAsyncLifetime
{
    private HttpClient _dsl = null!;
    private HttpClient _staff = null!;

    public async Task InitializeAsync() => (_dsl, _staff) = await fixture.BlakehillAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task may_publish_is_yes_on_the_last_day_of_the_academic_year_and_no_the_day_after()
    {
        var pupil = NewPupil();
        await _dsl.Enrol(pupil);
        (await _staff.Answer(pupil, "website", given: true)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var lastDay = new DateOnly(fixture.Today.Month >= 9 ? fixture.Today.Year + 1 : fixture.Today.Year, 8, 31);

        var dayBefore = await _staff.MayPublish(pupil, "website", lastDay);
        dayBefore.Allowed.ShouldBeTrue(dayBefore.Explanation);
        dayBefore.Evidence.ShouldNotBeNull().ValidUntil.ShouldBe(lastDay);
        dayBefore.Evidence.WordingVersion.ShouldBe(1);
        dayBefore.Evidence.Relationship.ShouldBe("mother");
        dayBefore.NameUse.ShouldBe("no-name");

        var dayAfter = await _staff.MayPublish(pupil, "website", lastDay.AddDays(1));
        dayAfter.Allowed.ShouldBeFalse();
        dayAfter.Basis.ShouldBe("expired");
    }

    [Fact]
    public async Task an_opt_out_type_is_yes_unless_a_guardian_opted_out_and_the_opt_out_is_listed()
    {
        await _dsl.PostAsJsonAsync("/consent-types", new { code = "displays-opt-out", name = "Displays (opt-out)", photographic = true,
            mode = "OptOut", wording = "Tell us in writing if you do not want your child's photo in displays." });
        var (silent, optedOut) = (NewPupil(), NewPupil());
        await _dsl.Enrol(silent, "4A", 4);
        await _dsl.Enrol(optedOut, "4A", 4);
        (await _staff.Answer(optedOut, "displays-opt-out", given: false)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await _staff.MayPublish(silent, "displays-opt-out")).Basis.ShouldBe("no-opt-out");
        (await _staff.MayPublish(silent, "displays-opt-out")).Allowed.ShouldBeTrue();
        (await _staff.MayPublish(optedOut, "displays-opt-out")).Allowed.ShouldBeFalse();
        var list = await _staff.GetFromJsonAsync<JsonElement>("/consent-types/displays-opt-out/opt-outs");
        list.EnumerateArray().Select(e => e.GetProperty("pupilId").GetString()).ShouldBe([optedOut]);
    }

    [Fact]
    public async Task the_do_not_photograph_list_names_each_pupil_of_the_class_with_the_uses_they_are_excluded_from()
    {
        var className = "DNP-" + Guid.NewGuid().ToString("N")[..6];
        var (all, none) = (NewPupil(), NewPupil());
        await _dsl.Enrol(all, className, 5);
        await _dsl.Enrol(none, className, 5);
        foreach (var type in new[] { "displays", "newsletters", "website", "social-media", "press", "video" })
            await _staff.Answer(all, type, given: true);
        await _staff.Answer(none, "displays", given: true);

        var list = await _staff.GetFromJsonAsync<JsonElement>($"/classes/{className}/do-not-photograph");
        var pupils = list.GetProperty("pupils").EnumerateArray().ToList();
        pupils.Select(p => p.GetProperty("pupilId").GetString()).ShouldBe([none]);
        pupils[0].GetProperty("notFor").EnumerateArray().Select(t => t.GetString()).ShouldNotContain("displays");
        pupils[0].GetProperty("notFor").EnumerateArray().Select(t => t.GetString()).ShouldContain("website");
    }

    [Fact]
    public async Task coverage_counts_pupils_with_consent_per_year_group()
    {
        var (a, b) = (NewPupil(), NewPupil());
        await _dsl.Enrol(a, "12X", 12);
        await _dsl.Enrol(b, "12X", 12);
        await _staff.Answer(a, "press", given: true);
        await _staff.Answer(b, "press", given: false);

        var coverage = await _staff.GetFromJsonAsync<JsonElement>("/coverage?type=press");
        var year12 = coverage[0].GetProperty("yearGroups").EnumerateArray().Single(y => y.GetProperty("yearGroup").GetInt32() == 12);
        year12.GetProperty("pupils").GetInt32().ShouldBe(2);
        year12.GetProperty("allowed").GetInt32().ShouldBe(1);
        year12.GetProperty("allowedPercent").GetDouble().ShouldBe(50.0);
    }

    [Fact]
    public async Task another_schools_dsl_gets_404_for_this_schools_pupil()
    {
        var pupil = NewPupil();
        await _dsl.Enrol(pupil);
        await _staff.Answer(pupil, "website", given: true);
        var caldecote = await fixture.ClientFor("dsl.caldecote");
        await caldecote.StandardTypes();

        (await caldecote.GetAsync($"/pupils/{pupil}/may-publish?type=website")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await caldecote.GetAsync($"/pupils/{pupil}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await caldecote.PostAsJsonAsync($"/pupils/{pupil}/consents/website/withdrawal",
            new { respondentId = "g1", relationship = "mother", channel = "email" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _staff.MayPublish(pupil, "website")).Allowed.ShouldBeTrue("another school's attempt changed nothing here");
    }
}
