using System.Net;
using System.Text;
using System.Text.Json;
using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.Http;

/// <summary>What every request meets: a change on a stale or missing version, and a body over the size limit.</summary>
[Collection(IncidentApiCollection.Name)]
public sealed class HttpApiTests(IncidentApiFixture fixture)
{
    [Fact]
    public async Task a_change_on_a_stale_version_gets_412_with_the_current_version_and_one_without_if_match_gets_428()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var (id, etag) = await dsl.ReportAsync();
        await dsl.ChangeOkAsync($"/incidents/{id}/triage", IncidentClient.Triage(), etag);

        using var stale = await dsl.ChangeAsync($"/incidents/{id}/triage", IncidentClient.Triage(severity: 5), etag);
        (await stale.ShouldBeProblem(HttpStatusCode.PreconditionFailed)).GetProperty("currentVersion").GetInt64().ShouldBe(2);
        using var missing = await dsl.ChangeAsync($"/incidents/{id}/triage", IncidentClient.Triage(severity: 5), null);
        await missing.ShouldBeProblem(HttpStatusCode.PreconditionRequired);
        (await dsl.GetAsync(id)).Body.GetProperty("severity").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task a_body_over_64_kb_is_refused_with_a_problem()
    {
        var staff = await fixture.ClientFor("staff.blakehill");
        var json = JsonSerializer.Serialize(new { whatHappened = new string('x', 70 * 1024) });
        using var response = await staff.Http.PostAsync("/incidents", new StringContent(json, Encoding.UTF8, "application/json"));
        await response.ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
    }
}
