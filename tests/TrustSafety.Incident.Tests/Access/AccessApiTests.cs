using System.Net;
using System.Text.Json;
using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.Access;

[Collection(IncidentApiCollection.Name)]
public sealed class AccessApiTests(IncidentApiFixture fixture)
{
    [Fact]
    public async Task allegations_against_staff_are_visible_only_to_the_dsl_and_the_headteacher()
    {
        var staff = await fixture.ClientFor("staff.blakehill");
        var deputy = await fixture.ClientFor("deputy.blakehill");
        var (id, etag) = await staff.ReportAsync(IncidentClient.Report("staff-instigator"));

        (await deputy.StatusOfGetAsync($"/incidents/{id}")).ShouldBe(HttpStatusCode.NotFound);
        (await deputy.ListAsync()).ShouldNotContain(id);
        using var deputyTriage = await deputy.ChangeAsync($"/incidents/{id}/triage", IncidentClient.Triage("staff-misuse"), etag);
        await deputyTriage.ShouldBeProblem(HttpStatusCode.NotFound);

        foreach (var user in new[] { "dsl.blakehill", "head.blakehill" })
        {
            var client = await fixture.ClientFor(user);
            (await client.ListAsync()).ShouldContain(id, user);
            (await client.GetAsync(id)).Body.GetProperty("allegationAgainstStaff").GetBoolean().ShouldBeTrue();
        }
    }

    [Fact]
    public async Task another_schools_dsl_gets_404_and_never_sees_the_incident_in_a_list()
    {
        var blakehill = await fixture.ClientFor("dsl.blakehill");
        var caldecote = await fixture.ClientFor("dsl.caldecote");
        var (id, etag) = await blakehill.ReportAsync();

        (await caldecote.StatusOfGetAsync($"/incidents/{id}")).ShouldBe(HttpStatusCode.NotFound);
        (await caldecote.StatusOfGetAsync($"/incidents/{id}/access-log")).ShouldBe(HttpStatusCode.NotFound);
        (await caldecote.ListAsync()).ShouldNotContain(id);
        using var triage = await caldecote.ChangeAsync($"/incidents/{id}/triage", IncidentClient.Triage(), etag);
        await triage.ShouldBeProblem(HttpStatusCode.NotFound);
        (await blakehill.GetAsync(id)).ETag.ShouldBe(etag);
    }

    [Fact]
    public async Task staff_see_only_the_concerns_they_reported_and_not_the_case_work()
    {
        var staff = await fixture.ClientFor("staff.blakehill");
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var (own, ownETag) = await staff.ReportAsync();
        var (others, _) = await dsl.ReportAsync();
        await dsl.ChangeOkAsync($"/incidents/{own}/triage", IncidentClient.Triage(), ownETag);

        var visible = await staff.ListAsync();
        visible.ShouldContain(own);
        visible.ShouldNotContain(others);
        (await staff.StatusOfGetAsync($"/incidents/{others}")).ShouldBe(HttpStatusCode.NotFound);
        var (mine, _) = await staff.GetAsync(own);
        mine.GetProperty("caseWorkHidden").GetBoolean().ShouldBeTrue();
        mine.GetProperty("triage").ValueKind.ShouldBe(JsonValueKind.Null);
        using var forbidden = await staff.ChangeAsync($"/incidents/{own}/close", new { outcome = "o", rationale = "r", lessonsLearnt = "l" }, "\"2\"");
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task a_governor_cannot_report_or_list_incidents()
    {
        var governor = await fixture.ClientFor("governor.blakehill");
        (await governor.StatusOfGetAsync("/incidents")).ShouldBe(HttpStatusCode.Forbidden);
    }
}
