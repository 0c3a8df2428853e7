using System.Net;
using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.ReadingIncidents;

/// <summary>
/// Issue 14.3: the DSL's queue of concerns awaiting triage is ordered by risk, then by how long each has waited, on the
/// server (so paging keeps the order): an allegation against staff before an ordinary concern, the longest waiting first.
/// </summary>
public sealed class TriageQueueTests(IncidentApiFixture fixture) : IClassFixture<IncidentApiFixture>
{
    [Fact]
    public async Task awaiting_triage_sorted_by_risk_puts_an_allegation_first_then_the_longest_waiting()
    {
        var since = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddSeconds(-1).ToString("O"));
        var staff = await fixture.ClientFor("staff.blakehill");
        var (older, _) = await staff.ReportAsync(IncidentClient.Report(pupilId: "P-Q-1"));
        var (newer, _) = await staff.ReportAsync(IncidentClient.Report(pupilId: "P-Q-2"));
        var (allegation, _) = await staff.ReportAsync(IncidentClient.Report("staff-instigator"));
        var dsl = await fixture.ClientFor("dsl.blakehill");

        var mine = new[] { older, newer, allegation };
        (await dsl.ListAsync($"&status=reported&sort=risk&from={since}")).Where(mine.Contains).ShouldBe([allegation, older, newer]);
        (await dsl.ListAsync($"&status=reported&sort=oldest&from={since}")).Where(mine.Contains).ShouldBe([older, newer, allegation]);
        (await dsl.ListAsync($"&status=reported&from={since}")).Where(mine.Contains).ShouldBe([allegation, newer, older], "newest first by default");

        var page = await dsl.GetJsonAsync($"/incidents?status=reported&sort=risk&from={since}");
        page.GetProperty("items")[0].GetProperty("priority").GetInt32().ShouldBe(5);
    }

    [Fact]
    public async Task an_unknown_sort_is_a_400_naming_the_field_and_the_choices()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        using var response = await dsl.Http.GetAsync("/incidents?sort=severity");
        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").GetProperty("sort")[0].GetString();
        errors.ShouldNotBeNull().ShouldContain("risk");
    }
}
