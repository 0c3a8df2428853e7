using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.ServiceDefaults.Http;

namespace TrustSafety.Governance.Policies;

public sealed record SuggestedPolicy(string Code, string Title, bool OnRegister);
/// <summary>A policy with every approved version (serialised as { status, versions }).</summary>
public sealed record PolicyDetail(PolicyStatus Status, IReadOnlyList<PolicyVersion> Versions);

/// <summary>The policy register read: every policy, those overdue for review, those a school is expected to keep, one policy.</summary>
public static class PolicyQueries
{
    public static void MapPolicyQueries(this RouteGroupBuilder p)
    {
        p.MapGet("", List).RequireAuthorization(GovernancePolicies.Oversee).WithName("ListPolicies")
            .WithSummary("The policy register: version, approval, next review and whether it is overdue");
        p.MapGet("/overdue", Overdue).RequireAuthorization(GovernancePolicies.Oversee).WithName("ListOverduePolicyReviews");
        p.MapGet("/suggested", Suggested).RequireAuthorization(GovernancePolicies.Oversee).WithName("ListSuggestedPolicies");
        p.MapGet("/{code}", Get).RequireAuthorization(GovernancePolicies.Oversee).WithName("GetPolicy");
    }

    private static async Task<Ok<List<PolicyStatus>>> List(IQuerySession session, SchoolDay day, CancellationToken ct) =>
        TypedResults.Ok((await session.Query<SchoolPolicy>().ToListAsync(ct)).OrderBy(p => p.Title, StringComparer.OrdinalIgnoreCase)
            .Select(p => PolicyRules.Status(p, day.Today)).ToList());

    private static async Task<Ok<List<PolicyStatus>>> Overdue(IQuerySession session, SchoolDay day, CancellationToken ct) =>
        TypedResults.Ok((await session.Query<SchoolPolicy>().ToListAsync(ct)).Select(p => PolicyRules.Status(p, day.Today))
            .Where(s => s.State == "overdue").OrderBy(s => s.ReviewDueOn).ToList());

    private static async Task<Ok<List<SuggestedPolicy>>> Suggested(IQuerySession session, CancellationToken ct)
    {
        var codes = (await session.Query<SchoolPolicy>().Select(p => p.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        return TypedResults.Ok(PolicyRules.Suggested.Select(s => new SuggestedPolicy(s.Key, s.Value, codes.Contains(s.Key))).ToList());
    }

    private static async Task<Results<Ok<PolicyDetail>, ProblemHttpResult>> Get(string code, IQuerySession session, SchoolDay day,
        HttpResponse response, CancellationToken ct)
    {
        var policy = await session.LoadAsync<SchoolPolicy>(StreamIds.Policy(code), ct);
        if (policy is null) return Rejections.NotFound("Policy");
        response.SetETag(policy.Version);
        return TypedResults.Ok(new PolicyDetail(PolicyRules.Status(policy, day.Today), policy.Versions));
    }
}
