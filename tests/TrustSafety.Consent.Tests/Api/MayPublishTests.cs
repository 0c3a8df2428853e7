using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TrustSafety.Consent.Tests.Api;

/// <summary>"May I publish this pupil's photo?" through the API, as Blakehill's staff ask it.</summary>
public sealed class MayPublishTests(ConsentApiFixture fixture) : IClassFixture<ConsentApiFixture>, IAsyncLifetime
{
    private HttpClient _dsl = null!;
    private HttpClient _staff = null!;

    public async Task InitializeAsync()
    {
        _dsl = await fixture.ClientFor("dsl.blakehill");
        _staff = await fixture.ClientFor("staff.blakehill");
        await _dsl.StandardTypes();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string NewPupil() => "upn-" + Guid.NewGuid().ToString("N")[..10];

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
    public async Task may_publish_turns_to_no_at_once_after_a_withdrawal()
    {
        var pupil = NewPupil();
        await _dsl.Enrol(pupil);
        await _staff.Answer(pupil, "website", given: true);
        (await _staff.MayPublish(pupil, "website")).Allowed.ShouldBeTrue();

        (await _staff.Withdraw(pupil, "website")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var answer = await _staff.MayPublish(pupil, "website");
        answer.Allowed.ShouldBeFalse();
        answer.Basis.ShouldBe("withdrawn");
        answer.Evidence.ShouldNotBeNull().Channel.ShouldBe("email");
    }

    [Fact]
    public async Task may_publish_is_no_under_a_new_wording_version_until_a_guardian_agrees_to_it()
    {
        await _dsl.PostAsJsonAsync("/consent-types", new { code = "school-blog", name = "Class blog", photographic = true, online = true,
            wording = "Photos of my child may appear on the class blog." });
        var pupil = NewPupil();
        await _dsl.Enrol(pupil);
        await _staff.Answer(pupil, "school-blog", given: true);
        (await _staff.MayPublish(pupil, "school-blog")).Allowed.ShouldBeTrue();

        var type = await _staff.GetAsync("/consent-types/school-blog");
        var etag = long.Parse(type.Headers.ETag!.Tag.Trim('"'));
        var published = await _dsl.WithIfMatch(HttpMethod.Post, "/consent-types/school-blog/wordings",
            new { text = "Photos and first names of my child may appear on the class blog.", requiresFreshConsent = true }, etag);
        published.StatusCode.ShouldBe(HttpStatusCode.OK);

        var underNewWording = await _staff.MayPublish(pupil, "school-blog");
        underNewWording.Allowed.ShouldBeFalse();
        underNewWording.Basis.ShouldBe("wording-superseded");

        var fresh = await _staff.Answer(pupil, "school-blog", given: true, wordingVersion: 2);
        fresh.StatusCode.ShouldBe(HttpStatusCode.OK, await fresh.Content.ReadAsStringAsync());
        var afterFreshConsent = await _staff.MayPublish(pupil, "school-blog");
        afterFreshConsent.Allowed.ShouldBeTrue(afterFreshConsent.Explanation);
        afterFreshConsent.Evidence!.WordingVersion.ShouldBe(2);
    }

    [Fact]
    public async Task publishing_a_wording_without_if_match_is_refused_and_changes_nothing()
    {
        var response = await _dsl.PostAsJsonAsync("/consent-types/website/wordings", new { text = "changed" });
        response.StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        var type = await _staff.GetFromJsonAsync<JsonElement>("/consent-types/website");
        type.GetProperty("currentWordingVersion").GetInt32().ShouldBe(1);
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
    public async Task photos_of_leavers_are_due_for_deletion_at_once_without_retention_consent_and_after_three_years_with_it()
    {
        var (kept, notKept) = (NewPupil(), NewPupil());
        var left = fixture.Today.AddDays(-1);
        await _dsl.Enrol(kept, "6L", 6, $"{left:yyyy-MM-dd}");
        await _dsl.Enrol(notKept, "6L", 6, $"{left:yyyy-MM-dd}");
        await _staff.Answer(kept, "photo-retention", given: true, respondedOn: $"{left.AddDays(-10):yyyy-MM-dd}");

        var now = await _dsl.GetFromJsonAsync<JsonElement>("/retention/due");
        var ids = now.EnumerateArray().Select(e => e.GetProperty("pupilId").GetString()).ToList();
        ids.ShouldContain(notKept);
        ids.ShouldNotContain(kept);
        var later = await _dsl.GetFromJsonAsync<JsonElement>($"/retention/due?on={left.AddYears(3).AddDays(1):yyyy-MM-dd}");
        later.EnumerateArray().Single(e => e.GetProperty("pupilId").GetString() == kept)
            .GetProperty("reason").GetString().ShouldBe("retention-period-ended");
    }

    [Fact]
    public async Task a_response_with_bad_fields_lists_every_field_and_records_nothing()
    {
        var pupil = NewPupil();
        await _dsl.Enrol(pupil);
        var response = await _staff.PostAsJsonAsync($"/pupils/{pupil}/consents/website/responses",
            new { respondentId = "Jane Smith", relationship = "aunt", channel = "pigeon", respondedOn = "23/11/2026" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order()
            .ShouldBe(["channel", "given", "relationship", "respondedOn", "respondentId"]);
        (await _staff.MayPublish(pupil, "website")).Basis.ShouldBe("no-response");
    }

    // Regression (issue 20): If-Match was optional on responses and ignored on withdrawals, so two members of staff recording
    // from the same reading could overwrite each other unseen.
    [Fact]
    public async Task a_response_or_withdrawal_needs_if_match_428_without_it_and_412_when_stale()
    {
        var pupil = NewPupil();
        await _dsl.Enrol(pupil);
        var answer = new { given = true, respondentId = "guardian-1", relationship = "mother", channel = "paper" };
        var withdrawal = new { respondentId = "guardian-1", relationship = "mother", channel = "paper" };

        (await _staff.PostAsJsonAsync($"/pupils/{pupil}/consents/website/responses", answer)).StatusCode
            .ShouldBe(HttpStatusCode.PreconditionRequired);
        (await _staff.WithIfMatch(HttpMethod.Post, $"/pupils/{pupil}/consents/website/responses", answer, 0)).StatusCode
            .ShouldBe(HttpStatusCode.OK);
        (await _staff.WithIfMatch(HttpMethod.Post, $"/pupils/{pupil}/consents/website/responses", answer, 0)).StatusCode
            .ShouldBe(HttpStatusCode.PreconditionFailed);
        (await _staff.PostAsJsonAsync($"/pupils/{pupil}/consents/website/withdrawal", withdrawal)).StatusCode
            .ShouldBe(HttpStatusCode.PreconditionRequired);
        (await _staff.WithIfMatch(HttpMethod.Post, $"/pupils/{pupil}/consents/website/withdrawal", withdrawal, 0)).StatusCode
            .ShouldBe(HttpStatusCode.PreconditionFailed);
        (await _staff.MayPublish(pupil, "website")).Allowed.ShouldBeTrue("the refused withdrawals changed nothing");
    }

    [Fact]
    public async Task staff_can_ask_but_cannot_define_consent_types()
    {
        var response = await _staff.PostAsJsonAsync("/consent-types", new { code = "staff-made", name = "x", wording = "x" });
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
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

    [Fact]
    public async Task a_class_request_lists_unanswered_pupils_for_reminder_and_a_renewal_campaign_asks_again_for_next_year()
    {
        var className = "REQ-" + Guid.NewGuid().ToString("N")[..6];
        var (answers, silent) = (NewPupil(), NewPupil());
        await _dsl.Enrol(answers, className, 2);
        await _dsl.Enrol(silent, className, 2);

        var sent = await _dsl.PostAsJsonAsync("/consent-requests", new { type = "trips", className });
        (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requested").GetInt32().ShouldBe(2);
        await _staff.Answer(answers, "trips", given: true);

        var reminders = await _dsl.GetFromJsonAsync<JsonElement>("/reminders");
        var due = reminders.EnumerateArray().Where(r => r.GetProperty("type").GetString() == "trips")
            .Select(r => r.GetProperty("pupilId").GetString()).ToList();
        due.ShouldContain(silent);
        due.ShouldNotContain(answers);

        var renewal = await _dsl.PostAsJsonAsync("/renewal-campaigns", new { types = new[] { "trips" } });
        renewal.StatusCode.ShouldBe(HttpStatusCode.OK);
        var trips = (await renewal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requests")[0];
        trips.GetProperty("requested").GetInt32().ShouldBeGreaterThanOrEqualTo(2, "this year's yes does not cover next year");
    }
}
