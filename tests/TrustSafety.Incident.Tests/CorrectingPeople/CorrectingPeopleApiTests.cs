using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.CorrectingPeople;

/// <summary>Issue 14.2: the DSL corrects the people on an incident after the report (audited, sealed, visibility re-checked), and finds every incident for a pupil.</summary>
public sealed class CorrectingPeopleApiTests(IncidentApiFixture fixture) : IClassFixture<IncidentApiFixture>
{
    private static string NewPupil() => $"P-{Guid.NewGuid():N}"[..14];

    private static object ReportAbout(string pupilId) => new
    {
        happenedAt = DateTimeOffset.UtcNow.AddHours(-2),
        whatHappened = "Unkind messages in a class group chat",
        where = new { site = "on-site", device = "school-device" },
        howItCameToLight = "Disclosure to class teacher",
        people = new object[] { new { role = "child-victim", pupilId } },
    };

    private static string[] PupilIdsOf(JsonElement incident) =>
        [.. incident.GetProperty("people").EnumerateArray().Select(p => p.GetProperty("pupilId").GetString() ?? "")];

    [Fact]
    public async Task the_dsl_corrects_a_pupil_named_wrongly_and_the_record_follows_the_right_pupil()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var (wrong, right) = (NewPupil(), NewPupil());
        var (id, etag) = await dsl.ReportAsync(ReportAbout(wrong));

        etag = await dsl.ChangeOkAsync($"/incidents/{id}/people/corrections", new
        {
            change = "correct", index = 0, person = new { role = "child-victim", pupilId = right, name = "Hattie Ng" },
            reason = "The class teacher named the wrong Hattie",
        }, etag);
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/people/corrections", new
        {
            change = "add", person = new { role = "child-instigator", pupilId = "P-200" }, reason = "A second pupil came to light",
        }, etag);

        var (incident, _) = await dsl.GetAsync(id);
        PupilIdsOf(incident).ShouldBe([right, "P-200"]);
        incident.GetProperty("people")[0].GetProperty("name").GetString().ShouldBe("Hattie Ng", "sealed and opened for the DSL");
        var corrections = incident.GetProperty("timeline").EnumerateArray().Where(t => t.GetProperty("kind").GetString() == "people-corrected")
            .Select(t => t.GetProperty("summary").GetString()).ToList();
        corrections.ShouldBe(["Person 1 corrected (child-victim): The class teacher named the wrong Hattie",
            "Person 2 added (child-instigator): A second pupil came to light"]);
        var dslName = incident.GetProperty("reportedByName").GetString();
        incident.GetProperty("timeline").EnumerateArray().Where(t => t.GetProperty("kind").GetString() == "people-corrected")
            .ShouldAllBe(t => t.GetProperty("by").GetString() == dslName, "who corrected it is recorded");

        // The chronology follows: the right pupil has the incident, the pupil named wrongly no longer does.
        (await dsl.GetJsonAsync($"/pupils/{right}/chronology")).GetProperty("incidents").GetInt32().ShouldBe(1);
        (await dsl.GetJsonAsync($"/pupils/{wrong}/chronology")).GetProperty("incidents").GetInt32().ShouldBe(0);

        // Erasing the pupil named wrongly (no longer on any file) leaves the concern readable: it was re-sealed for the right one.
        using (var erase = await dsl.Http.PostAsJsonAsync($"/people/{wrong}/erase", new { kind = "pupil", reason = "Named in error; request granted" }))
            erase.StatusCode.ShouldBe(HttpStatusCode.OK, await erase.Content.ReadAsStringAsync());
        var (after, _) = await dsl.GetAsync(id);
        after.GetProperty("whatHappened").GetString().ShouldBe("Unkind messages in a class group chat");
        after.GetProperty("howItCameToLight").GetString().ShouldBe("Disclosure to class teacher");
        PupilIdsOf(after).ShouldBe([right, "P-200"]);
    }

    [Fact]
    public async Task a_correction_with_bad_fields_names_each_field_and_changes_nothing()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var (id, etag) = await dsl.ReportAsync(ReportAbout(NewPupil()));

        using (var response = await dsl.ChangeAsync($"/incidents/{id}/people/corrections", new { change = "swap", reason = "" }, etag))
        {
            var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest);
            problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["change", "reason"], ignoreOrder: true);
        }
        using (var response = await dsl.ChangeAsync($"/incidents/{id}/people/corrections",
                   new { change = "correct", index = 4, person = new { role = "child-victim" }, reason = "Wrong pupil" }, etag))
        {
            var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest);
            problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["index", "person.pupilId"], ignoreOrder: true);
        }
        using (var response = await dsl.ChangeAsync($"/incidents/{id}/people/corrections", new { change = "remove", index = 0, reason = "Named in error" }, etag))
            (await response.ShouldBeProblem(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("change")[0].GetString()!
                .ShouldContain("at least one person");
        using (var missing = await dsl.ChangeAsync($"/incidents/{id}/people/corrections", new { change = "remove", index = 0, reason = "x" }, null))
            await missing.ShouldBeProblem(HttpStatusCode.PreconditionRequired);
        (await dsl.GetAsync(id)).ETag.ShouldBe(etag);
    }

    [Fact]
    public async Task naming_a_member_of_staff_as_instigator_makes_it_an_allegation_the_deputy_no_longer_sees()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var deputy = await fixture.ClientFor("deputy.blakehill");
        var (id, etag) = await dsl.ReportAsync(ReportAbout(NewPupil()));
        (await deputy.StatusOfGetAsync($"/incidents/{id}")).ShouldBe(HttpStatusCode.OK);

        var body = new { change = "add", person = new { role = "staff-instigator", staffId = "S-9", name = "A. Teacher" }, reason = "The pupil named a teacher" };
        using (var staff = await (await fixture.ClientFor("staff.blakehill")).ChangeAsync($"/incidents/{id}/people/corrections", body, etag))
            staff.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using (var other = await (await fixture.ClientFor("dsl.caldecote")).ChangeAsync($"/incidents/{id}/people/corrections", body, etag))
            await other.ShouldBeProblem(HttpStatusCode.NotFound);
        await dsl.ChangeOkAsync($"/incidents/{id}/people/corrections", body, etag);

        var (incident, _) = await dsl.GetAsync(id);
        incident.GetProperty("allegationAgainstStaff").GetBoolean().ShouldBeTrue();
        (await deputy.StatusOfGetAsync($"/incidents/{id}")).ShouldBe(HttpStatusCode.NotFound, "an allegation against staff is the DSL's and head's");
    }

    [Fact]
    public async Task the_dsl_finds_every_incident_for_a_pupil_and_another_school_finds_none()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var pupil = NewPupil();
        var (first, _) = await dsl.ReportAsync(ReportAbout(pupil));
        var (second, _) = await dsl.ReportAsync(ReportAbout(pupil));
        var (someoneElse, _) = await dsl.ReportAsync(ReportAbout(NewPupil()));

        (await dsl.ListAsync($"&pupilId={pupil}")).ShouldBe([second, first], ignoreOrder: true);
        (await dsl.ListAsync($"&pupilId={pupil}")).ShouldNotContain(someoneElse);

        // Another school's DSL: nothing for that pupil id, and the incidents themselves are not found.
        var other = await fixture.ClientFor("dsl.caldecote");
        (await other.ListAsync($"&pupilId={pupil}")).ShouldBeEmpty();
        (await other.StatusOfGetAsync($"/incidents/{first}")).ShouldBe(HttpStatusCode.NotFound);
        (await other.GetJsonAsync($"/pupils/{pupil}/chronology")).GetProperty("incidents").GetInt32().ShouldBe(0);

        using var bad = await dsl.Http.GetAsync($"/incidents?pupilId={new string('x', 65)}");
        (await bad.ShouldBeProblem(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("pupilId", out _).ShouldBeTrue();
    }
}
