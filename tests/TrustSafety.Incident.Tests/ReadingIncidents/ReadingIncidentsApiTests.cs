using System.Net;
using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.ReadingIncidents;

[Collection(IncidentApiCollection.Name)]
public sealed class ReadingIncidentsApiTests(IncidentApiFixture fixture)
{
    [Fact]
    public async Task every_read_of_an_incident_is_in_its_access_log_which_only_the_dsl_can_see()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var head = await fixture.ClientFor("head.blakehill");
        var deputy = await fixture.ClientFor("deputy.blakehill");
        var (id, _) = await dsl.ReportAsync();

        await head.GetAsync(id, "governor question");
        await deputy.GetAsync(id);
        var log = (await dsl.GetJsonAsync($"/incidents/{id}/access-log")).EnumerateArray().ToList();

        log.Count(e => e.GetProperty("kind").GetString() == "read").ShouldBe(2);
        log.ShouldContain(e => e.GetProperty("purpose").GetString() == "governor question" && e.GetProperty("by").GetString() != "");
        (await deputy.StatusOfGetAsync($"/incidents/{id}/access-log")).ShouldBe(HttpStatusCode.Forbidden);
        (await head.StatusOfGetAsync($"/incidents/{id}/access-log")).ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task a_pupils_chronology_spans_incidents_for_the_dsl_only()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var pupil = "P-" + Guid.NewGuid().ToString("N")[..8];
        var (first, etag) = await dsl.ReportAsync(IncidentClient.Report(pupilId: pupil));
        await dsl.ChangeOkAsync($"/incidents/{first}/actions/support", new { support = "Mentor", pupilId = pupil, rationale = "Victim support" }, etag);
        var (second, _) = await dsl.ReportAsync(IncidentClient.Report(pupilId: pupil));
        await dsl.ReportAsync();

        var chronology = await dsl.GetJsonAsync($"/pupils/{pupil}/chronology");
        chronology.GetProperty("incidents").GetInt32().ShouldBe(2);
        chronology.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("incidentId").GetGuid()).Distinct()
            .ShouldBe([first, second], ignoreOrder: true);
        foreach (var other in new[] { "deputy.blakehill", "head.blakehill", "staff.blakehill" })
            (await (await fixture.ClientFor(other)).StatusOfGetAsync($"/pupils/{pupil}/chronology")).ShouldBe(HttpStatusCode.Forbidden, other);
    }

    [Fact]
    public async Task a_deputy_asking_for_a_chronology_is_told_to_ask_the_dsl()
    {
        var deputy = await fixture.ClientFor("deputy.blakehill");
        using var response = await deputy.Http.GetAsync("/pupils/P-anyone/chronology");
        var problem = await response.ShouldBeProblem(HttpStatusCode.Forbidden);
        problem.GetProperty("title").GetString().ShouldBe("Only the school's DSL can read a pupil's chronology");
        problem.GetProperty("detail").GetString()!.ShouldContain("Ask your school's DSL");
    }
}
