using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.ServiceDefaults.Http;

namespace TrustSafety.Governance.Policies;

/// <summary>Governance's change path for a policy on the register (If-Match on the policy's stream, keyed by its code).</summary>
public static class PolicyChange
{
    private static readonly ChangeRules<SchoolPolicy> Existing = new() { NotFound = () => Rejections.NotFound("Policy") };

    /// <summary>A change to a policy on the register, on the one change path; the review date it leaves is recorded with it.</summary>
    public static Task<Results<Ok<PolicyStatus>, ValidationProblem, ProblemHttpResult>> Apply(string code, HttpContext http,
        IDocumentSession session, SchoolDay day, CurrentUser user, TimeProvider clock, Func<SchoolPolicy, Actor, DateTimeOffset, Decision> decide) =>
        Change.Apply<SchoolPolicy, PolicyStatus>(http, session, user, clock, StreamIds.Policy(code),
            (p, actor, now) => WithReviewDue(p, decide(p, actor, now), now), _ => StatusOf(code, session, day, http.RequestAborted), Existing);

    public static Decision WithReviewDue(SchoolPolicy? policy, Decision decision, DateTimeOffset now) =>
        decision.Accepted ? decision with { Events = PolicyRules.WithReviewDue(policy, decision.Events, now) } : decision;

    public static async Task<PolicyStatus> StatusOf(string code, IQuerySession session, SchoolDay day, CancellationToken ct) =>
        PolicyRules.Status((await session.LoadAsync<SchoolPolicy>(StreamIds.Policy(code), ct))!, day.Today);
}
