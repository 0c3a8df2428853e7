using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Governance.Policies;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.Governance.RegisteringPolicies;

public sealed record RegisterPolicy(string? Title);

/// <summary>A policy put on the register by its code (If-Match "0"), or retitled (If-Match).</summary>
public static class RegisterPolicyEndpoint
{
    public static void MapRegisterPolicy(this RouteGroupBuilder p) =>
        p.MapPut("/{code}", Register).RequireAuthorization(GovernancePolicies.Manage).WithName("RegisterPolicy")
            .WithSummary("Put a policy on the register (kebab-case code, title; If-Match \"0\"), or retitle it (If-Match)").ProducesChangeProblems();

    private static async Task<Results<Ok<PolicyStatus>, ValidationProblem, ProblemHttpResult>> Register(string code, RegisterPolicy body,
        HttpContext http, IDocumentSession session, SchoolDay day, CurrentUser user, TimeProvider clock)
    {
        var v = new FieldErrors().Code(code, "code").Text(body.Title, "title", 200);
        if (!v.IsValid) return v.Problem();
        return await Change.ApplyOrStart<SchoolPolicy, PolicyStatus>(http, session, user, clock, StreamIds.Policy(code),
            (p, actor, now) => PolicyChange.WithReviewDue(p, PolicyRules.Register(p, code, body.Title!.Trim(), actor.Id, now), now),
            _ => PolicyChange.StatusOf(code, session, day, http.RequestAborted));
    }
}
