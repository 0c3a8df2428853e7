using System.Net;
using TrustSafety.Incident.Tests.Fixtures;
using TrustSafety.Incident.Tests.RoutingIncidents;

namespace TrustSafety.Incident.Tests.AssessingRisk;

/// <summary>Issue 15: the UKCIS risk assessment and immediate danger on real PostgreSQL through the HTTP API.</summary>
[Collection(CaseFilesCollection.Name)]
public sealed class AssessingRiskApiTests(CaseFilesFixture fixture)
{
    private static object Assessment(string rationale, string decision = "manage-in-school", bool immediateRisk = false) => new
    {
        ages = "14 and 15", adultInvolved = false, coercionOrBlackmail = false, extremeOrViolentActs = false, underThirteen = false,
        immediateRisk, vulnerable = true, vulnerability = "Pupil has an EHCP for social communication", sharedFurther = false,
        agenciesChecked = "MASH: not known; police: no record", decision, rationale,
    };

    private Task<(IncidentClient Dsl, Guid Id, string ETag)> TriagedAsync(string category, int severity = 3) => fixture.TriagedAsync(category, severity);

    [Fact]
    public async Task a_ukcis_risk_assessment_is_versioned_shown_to_the_team_and_sealed_in_the_store()
    {
        var (dsl, id, etag) = await TriagedAsync("nudes-semi-nudes");
        const string first = "Peers of a similar age, no aggravating factor: zebra-first-rationale";
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/risk-assessments", Assessment(first), etag);
        using (var unanswered = await dsl.ChangeAsync($"/incidents/{id}/risk-assessments", new { ages = "14" }, etag))
        {
            var errors = (await unanswered.ShouldBeProblem(HttpStatusCode.BadRequest)).GetProperty("errors");
            errors.TryGetProperty("adultInvolved", out _).ShouldBeTrue();
            errors.TryGetProperty("decision", out _).ShouldBeTrue();
        }
        using (var mustRefer = await dsl.ChangeAsync($"/incidents/{id}/risk-assessments", Assessment("x", immediateRisk: true), etag))
            (await mustRefer.ShouldBeProblem(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("decision")[0].GetString()!
                .ShouldContain("UKCIS");
        await dsl.ChangeOkAsync($"/incidents/{id}/risk-assessments", Assessment("Threat to share further: refer", "refer-police-and-social-care", true), etag);

        var (incident, _) = await dsl.GetAsync(id);
        var assessments = incident.GetProperty("caseFiles").GetProperty("riskAssessments").EnumerateArray().ToList();
        assessments.Select(a => a.GetProperty("version").GetInt32()).ShouldBe([1, 2]);
        assessments[0].GetProperty("rationale").GetString().ShouldBe(first);
        assessments[0].GetProperty("vulnerability").GetString().ShouldBe("Pupil has an EHCP for social communication");
        assessments[1].GetProperty("decision").GetString().ShouldBe("refer-police-and-social-care");

        var stored = await fixture.EverythingStoredAsync();
        stored.ShouldNotContain("zebra-first-rationale");
        stored.ShouldNotContain("EHCP for social communication");

        var (other, otherId, otherETag) = await TriagedAsync("cyberbullying");
        using var refused = await other.ChangeAsync($"/incidents/{otherId}/risk-assessments", Assessment("n/a"), otherETag);
        (await refused.ShouldBeProblem(HttpStatusCode.Conflict)).GetProperty("title").GetString()!.ShouldContain("UKCIS");
    }

    [Fact]
    public async Task immediate_danger_prompts_999_requires_the_police_step_and_holds_the_closure()
    {
        var (dsl, id, etag) = await TriagedAsync("cyberbullying");
        var staff = await fixture.ClientFor("staff.blakehill");
        using (var byStaff = await staff.ChangeAsync($"/incidents/{id}/immediate-danger", new { emergencyServicesCalled = true, rationale = "x" }, etag))
            byStaff.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/immediate-danger",
            new { emergencyServicesCalled = false, rationale = "Pupil plans to meet an adult met online tonight" }, etag);

        var (incident, _) = await dsl.GetAsync(id);
        var danger = incident.GetProperty("caseFiles").GetProperty("immediateDanger");
        danger.GetProperty("prompt").GetString()!.ShouldContain("999");
        danger.GetProperty("rationale").GetString().ShouldBe("Pupil plans to meet an adult met online tonight");
        var police = IncidentRouteApiTests.Step(incident, "refer-police");
        police.GetProperty("level").GetString().ShouldBe("required");
        police.GetProperty("rules").EnumerateArray().Select(r => r.GetString()).ShouldContain("immediate-danger");
        (await dsl.ListAsync("&sort=risk"))[0].ShouldBe(id);

        using var close = await dsl.ChangeAsync($"/incidents/{id}/close",
            new { outcomeCode = "support-in-place", rationale = "r", lessonsLearnt = "l" }, etag);
        (await close.ShouldBeProblem(HttpStatusCode.Conflict)).GetProperty("openSteps").EnumerateArray().Select(s => s.GetString())
            .ShouldBe(["refer-police"]);
    }
}
