using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Governance.Policies;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.Governance.RegisteringPolicies;

public sealed record ApprovePolicyVersion(string? VersionLabel, string? ApprovedBy, string? ApprovedOn, string? NextReviewOn, string? DocumentUrl);

/// <summary>A new version of a policy on the register approved (by whom, when); its next review a year on unless given.</summary>
public static class ApprovePolicyVersionEndpoint
{
    public static void MapApprovePolicyVersion(this RouteGroupBuilder p) =>
        p.MapPost("/{code}/versions", Approve).RequireAuthorization(GovernancePolicies.Manage).WithName("ApprovePolicyVersion")
            .WithSummary("A new version approved (by whom, when); next review a year on by default (If-Match)").ProducesChangeProblems();

    private static async Task<Results<Ok<PolicyStatus>, ValidationProblem, ProblemHttpResult>> Approve(string code, ApprovePolicyVersion body,
        HttpContext http, IDocumentSession session, SchoolDay day, CurrentUser user, TimeProvider clock)
    {
        var v = new FieldErrors().Code(code, "code").Text(body.ApprovedBy, "approvedBy", 120).Optional(body.VersionLabel, "versionLabel", 20)
            .Require(body.DocumentUrl is null || Uri.TryCreate(body.DocumentUrl, UriKind.Absolute, out _), "documentUrl",
                "Give an absolute URL of the approved document, or leave it out.");
        var approvedOn = v.RequiredDate(body.ApprovedOn, "approvedOn");
        var next = v.Date(body.NextReviewOn, "nextReviewOn");
        if (!v.IsValid) return v.Problem();
        var label = string.IsNullOrWhiteSpace(body.VersionLabel) ? null : body.VersionLabel.Trim();
        return await PolicyChange.Apply(code, http, session, day, user, clock, (p, actor, now) =>
            PolicyRules.Approve(p, label, body.ApprovedBy!.Trim(), approvedOn!.Value, next, body.DocumentUrl, day.Today, actor.Id, now));
    }
}
