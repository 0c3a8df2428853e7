using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Governance.Policies;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.Governance.ReviewingPolicies;

public sealed record RequestPolicyReview(string? Reason, string? DueOn);

/// <summary>A review asked for before the annual date (a lesson learnt asks for one the same way, on its own path).</summary>
public static class RequestPolicyReviewEndpoint
{
    public static void MapRequestPolicyReview(this RouteGroupBuilder p) =>
        p.MapPost("/{code}/review-requests", RequestReview).RequireAuthorization(GovernancePolicies.Manage).WithName("RequestPolicyReview")
            .WithSummary("Ask for a review before the annual date (If-Match)").ProducesChangeProblems();

    private static async Task<Results<Ok<PolicyStatus>, ValidationProblem, ProblemHttpResult>> RequestReview(string code, RequestPolicyReview body,
        HttpContext http, IDocumentSession session, SchoolDay day, CurrentUser user, TimeProvider clock)
    {
        var v = new FieldErrors().Code(code, "code").Text(body.Reason, "reason", 500);
        var due = v.RequiredDate(body.DueOn, "dueOn");
        if (!v.IsValid) return v.Problem();
        return await PolicyChange.Apply(code, http, session, day, user, clock, (p, actor, now) =>
            PolicyRules.RequestReview(p, body.Reason!.Trim(), due!.Value, null, null, day.Today, actor.Id, now));
    }
}
