using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Governance.RiskAssessments;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.ServiceDefaults.Http;

namespace TrustSafety.Governance.AssessingTechnology;

/// <summary>A technology assessed again: the risks and decision as they stand now, on the assessment's stream (If-Match).</summary>
public static class ReviewTechnologyRiskAssessmentEndpoint
{
    public static void MapReviewTechnologyRiskAssessment(this RouteGroupBuilder r) =>
        r.MapPost("/{assessmentId:guid}/reviews", Review).RequireAuthorization(GovernancePolicies.Manage).WithName("ReviewTechnologyRiskAssessment")
            .WithSummary("Review: the risks and decision as they stand now (If-Match)").ProducesChangeProblems();

    private static async Task<Results<Ok<AssessmentView>, ValidationProblem, ProblemHttpResult>> Review(Guid assessmentId, AssessTechnology body,
        HttpContext http, IDocumentSession session, SchoolDay day, CurrentUser user, TimeProvider clock)
    {
        var conditions = string.IsNullOrWhiteSpace(body.Conditions) ? null : body.Conditions.Trim();
        // The assessment and its version are checked before the body (404, 428, 412, then 400), as before this used the change path.
        return await Change.Apply<TechnologyRiskAssessment, AssessmentView>(http, session, user, clock, assessmentId,
            (a, actor, now) => AssessTechnologyEndpoints.Read(body, isNew: false) is var (v, risks, assessedOn, reviewOn) && !v.IsValid
                ? v.Reject("The request has invalid fields")
                : RiskRules.Assess(a, assessmentId, "", "", risks, body.Decision!, conditions, assessedOn!.Value, reviewOn!.Value,
                    day.Today, actor.Id, now),
            async _ => AssessmentView.Of((await session.LoadAsync<TechnologyRiskAssessment>(assessmentId, http.RequestAborted))!, day.Today),
            new ChangeRules<TechnologyRiskAssessment> { NotFound = () => Rejections.NotFound("Risk assessment") });
    }
}
