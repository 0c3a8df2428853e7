using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Governance.Policies;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.Governance.ReviewingPolicies;

public sealed record RecordPolicyReview(string? ReviewedBy, string? ReviewedOn, string? NextReviewOn);

/// <summary>A policy reviewed with no change: the next review moves on (a year unless given).</summary>
public static class RecordPolicyReviewEndpoint
{
    public static void MapRecordPolicyReview(this RouteGroupBuilder p) =>
        p.MapPost("/{code}/reviews", Review).RequireAuthorization(GovernancePolicies.Manage).WithName("RecordPolicyReview")
            .WithSummary("Reviewed with no change: the next review moves on (If-Match)").ProducesChangeProblems();

    private static async Task<Results<Ok<PolicyStatus>, ValidationProblem, ProblemHttpResult>> Review(string code, RecordPolicyReview body,
        HttpContext http, IDocumentSession session, SchoolDay day, CurrentUser user, TimeProvider clock)
    {
        var v = new FieldErrors().Code(code, "code").Text(body.ReviewedBy, "reviewedBy", 120);
        var on = v.RequiredDate(body.ReviewedOn, "reviewedOn");
        var next = v.Date(body.NextReviewOn, "nextReviewOn");
        if (!v.IsValid) return v.Problem();
        return await PolicyChange.Apply(code, http, session, day, user, clock, (p, actor, now) =>
            PolicyRules.ReviewWithoutChange(p, body.ReviewedBy!.Trim(), on!.Value, next, day.Today, actor.Id, now));
    }
}
