using System.Net;
using TrustSafety.Incident.Tests.Fixtures;
using TrustSafety.Incident.Tests.RoutingIncidents;

namespace TrustSafety.Incident.Tests.RecordingActions;

/// <summary>Issue 15: advice sought from an agency of the directory, on real PostgreSQL through the HTTP API.</summary>
[Collection(CaseFilesCollection.Name)]
public sealed class RecordingActionsApiTests(CaseFilesFixture fixture)
{
    private readonly string Today = DateTime.UtcNow.ToString("yyyy-MM-dd");

    private Task<(IncidentClient Dsl, Guid Id, string ETag)> TriagedAsync(string category, int severity = 3) => fixture.TriagedAsync(category, severity);

    [Fact]
    public async Task advice_sought_from_a_directory_agency_is_in_the_timeline_and_satisfies_the_advice_line_step()
    {
        var (dsl, id, etag) = await TriagedAsync("cyberbullying", severity: 4);
        using (var unknown = await dsl.ChangeAsync($"/incidents/{id}/actions/advice-sought",
                   new { soughtOn = Today, whom = "x", advice = "y", agency = "coastguard" }, etag))
            (await unknown.ShouldBeProblem(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("agency");
        await dsl.ChangeOkAsync($"/incidents/{id}/actions/advice-sought", new
        {
            soughtOn = Today, whom = "Education safeguarding advice line", advice = "Manage in school; review in a week", agency = "education-safeguarding",
        }, etag);

        var (incident, _) = await dsl.GetAsync(id);
        IncidentRouteApiTests.Step(incident, "consult-advice-line").GetProperty("state").GetString().ShouldBe("done");
        incident.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("summary").GetString())
            .ShouldContain("Advice sought from Education safeguarding advice line");
    }
}
