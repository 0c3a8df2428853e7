using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.ClosingIncident;

[Collection(IncidentApiCollection.Name)]
public sealed class ClosingIncidentApiTests(IncidentApiFixture fixture)
{
    /// <summary>Taken per test (xunit makes one instance per test), not once when the class loads.</summary>
    private readonly string Today = DateTime.UtcNow.ToString("yyyy-MM-dd");

    [Fact]
    public async Task an_incident_runs_from_report_through_triage_actions_referral_and_closure_to_reopening()
    {
        var staff = await fixture.ClientFor("staff.blakehill");
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var (id, etag) = await staff.ReportAsync();
        etag.ShouldBe("\"1\"");

        etag = await dsl.ChangeOkAsync($"/incidents/{id}/triage", IncidentClient.Triage(), etag);
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/actions/parents-informed", new { informedOn = Today, whom = "mother", rationale = "No risk from home" }, etag);
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/actions/sanction", new { sanction = "Loss of phone privileges", pupilId = "P-200", rationale = "Behaviour policy 4.2" }, etag);
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/actions/support", new { support = "Weekly pastoral check-in", pupilId = "P-100", rationale = "Victim support" }, etag);
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/actions/device-secured", new { deviceReference = "IPAD-0042", sealedLocation = "DSL office safe", rationale = "May hold evidence" }, etag);
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/evidence", new { description = "Screenshot captured by monitoring", vendorCaptureUri = "https://vendor.example/c/1" }, etag);

        using var referral = await dsl.ChangeAsync($"/incidents/{id}/referrals", new { destination = "early-help", referenceNumber = "EH-77", madeOn = Today, dueOn = Today, rationale = "Family support needed" }, etag);
        referral.StatusCode.ShouldBe(HttpStatusCode.OK);
        var referralId = (await referral.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("createdId").GetGuid();
        etag = referral.Headers.ETag!.Tag;

        using var tooEarly = await dsl.ChangeAsync($"/incidents/{id}/close", new { outcomeCode = "support-in-place", rationale = "Support in place", lessonsLearnt = "Chat rules" }, etag);
        (await tooEarly.ShouldBeProblem(HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("EH-77");

        etag = await dsl.ChangeOkAsync($"/incidents/{id}/referrals/{referralId}/outcome", new { outcomeCode = "early-help", outcome = "Family accepted Early Help", receivedOn = Today }, etag);
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/close", new { outcomeCode = "support-in-place", outcome = "Resolved", rationale = "Support in place, no further incidents", lessonsLearnt = "Teach group-chat etiquette in PSHE" }, etag);
        (await dsl.ListAsync("&status=closed")).ShouldContain(id);

        etag = await dsl.ChangeOkAsync($"/incidents/{id}/reopen", new { reason = "New disclosure" }, etag);
        var (incident, readETag) = await dsl.GetAsync(id);
        readETag.ShouldBe(etag);
        incident.GetProperty("status").GetString().ShouldBe("triaged");
        incident.GetProperty("category").GetString().ShouldBe("cyberbullying");
        incident.GetProperty("actions").GetArrayLength().ShouldBe(4);
        incident.GetProperty("referrals")[0].GetProperty("outcome").GetString().ShouldBe("Family accepted Early Help");
        incident.GetProperty("referrals")[0].GetProperty("outcomeCode").GetString().ShouldBe("early-help");
        incident.GetProperty("evidence").GetArrayLength().ShouldBe(1);
        incident.GetProperty("reopenings")[0].GetProperty("previousClosure").GetProperty("lessonsLearnt").GetString()
            .ShouldBe("Teach group-chat etiquette in PSHE");
        incident.GetProperty("reopenings")[0].GetProperty("previousClosure").GetProperty("outcomeCode").GetString().ShouldBe("support-in-place");
        incident.GetProperty("reopenings")[0].GetProperty("previousClosure").GetProperty("outcome").GetString().ShouldBe("Resolved");
        incident.GetProperty("version").GetInt64().ShouldBe(11);
    }

    [Fact]
    public async Task closing_without_a_rationale_is_rejected_with_a_problem_that_says_so_and_nothing_changes()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var (id, etag) = await dsl.ReportAsync();
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/triage", IncidentClient.Triage(), etag);

        using var response = await dsl.ChangeAsync($"/incidents/{id}/close", new { outcomeCode = "resolved-in-school", lessonsLearnt = "None" }, etag);
        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.GetProperty("title").GetString().ShouldBe("Closure requires an outcome code, a rationale and lessons learnt");
        problem.GetProperty("errors").GetProperty("rationale")[0].GetString()!.ShouldContain("rationale is required");
        var (incident, after) = await dsl.GetAsync(id);
        after.ShouldBe(etag);
        incident.GetProperty("status").GetString().ShouldBe("triaged");
    }
}
