using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.ServiceDefaults.Http;

namespace TrustSafety.Governance.Policies;

public sealed record RegisterPolicy(string? Title);
public sealed record ApprovePolicyVersion(string? VersionLabel, string? ApprovedBy, string? ApprovedOn, string? NextReviewOn, string? DocumentUrl);
public sealed record RecordPolicyReview(string? ReviewedBy, string? ReviewedOn, string? NextReviewOn);
public sealed record RequestPolicyReview(string? Reason, string? DueOn);
public sealed record SuggestedPolicy(string Code, string Title, bool OnRegister);
/// <summary>A policy with every approved version (serialised as { status, versions }).</summary>
public sealed record PolicyDetail(PolicyStatus Status, IReadOnlyList<PolicyVersion> Versions);

public static class ManagingPolicies
{
    public static void MapPolicies(this RouteGroupBuilder api)
    {
        var p = api.MapGroup("/policies").WithTags("policies");
        p.MapGet("", List).RequireAuthorization(GovernancePolicies.Oversee).WithName("ListPolicies")
            .WithSummary("The policy register: version, approval, next review and whether it is overdue");
        p.MapGet("/overdue", Overdue).RequireAuthorization(GovernancePolicies.Oversee).WithName("ListOverduePolicyReviews");
        p.MapGet("/suggested", Suggested).RequireAuthorization(GovernancePolicies.Oversee).WithName("ListSuggestedPolicies");
        p.MapGet("/{code}", Get).RequireAuthorization(GovernancePolicies.Oversee).WithName("GetPolicy");
        p.MapPut("/{code}", Register).RequireAuthorization(GovernancePolicies.Manage).WithName("RegisterPolicy")
            .WithSummary("Put a policy on the register (kebab-case code, title; If-Match \"0\"), or retitle it (If-Match)").ProducesChangeProblems();
        p.MapPost("/{code}/versions", Approve).RequireAuthorization(GovernancePolicies.Manage).WithName("ApprovePolicyVersion")
            .WithSummary("A new version approved (by whom, when); next review a year on by default (If-Match)").ProducesChangeProblems();
        p.MapPost("/{code}/reviews", Review).RequireAuthorization(GovernancePolicies.Manage).WithName("RecordPolicyReview")
            .WithSummary("Reviewed with no change: the next review moves on (If-Match)").ProducesChangeProblems();
        p.MapPost("/{code}/review-requests", RequestReview).RequireAuthorization(GovernancePolicies.Manage).WithName("RequestPolicyReview")
            .WithSummary("Ask for a review before the annual date (If-Match)").ProducesChangeProblems();
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

    private static readonly ChangeRules<SchoolPolicy> Existing = new() { NotFound = () => Rejections.NotFound("Policy") };

    private static async Task<Results<Ok<PolicyStatus>, ValidationProblem, ProblemHttpResult>> Register(string code, RegisterPolicy body,
        HttpContext http, IDocumentSession session, SchoolDay day, CurrentUser user, TimeProvider clock)
    {
        var v = new FieldErrors().Code(code, "code").Text(body.Title, "title", 200);
        if (!v.IsValid) return v.Problem();
        return await Change.ApplyOrStart<SchoolPolicy, PolicyStatus>(http, session, user, clock, StreamIds.Policy(code),
            (p, actor, now) => WithReviewDue(p, PolicyRules.Register(p, code, body.Title!.Trim(), actor.Id, now), now),
            _ => StatusOf(code, session, day, http.RequestAborted));
    }

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
        return await Apply(code, http, session, day, user, clock, (p, actor, now) =>
            PolicyRules.Approve(p, label, body.ApprovedBy!.Trim(), approvedOn!.Value, next, body.DocumentUrl, day.Today, actor.Id, now));
    }

    private static async Task<Results<Ok<PolicyStatus>, ValidationProblem, ProblemHttpResult>> Review(string code, RecordPolicyReview body,
        HttpContext http, IDocumentSession session, SchoolDay day, CurrentUser user, TimeProvider clock)
    {
        var v = new FieldErrors().Code(code, "code").Text(body.ReviewedBy, "reviewedBy", 120);
        var on = v.RequiredDate(body.ReviewedOn, "reviewedOn");
        var next = v.Date(body.NextReviewOn, "nextReviewOn");
        if (!v.IsValid) return v.Problem();
        return await Apply(code, http, session, day, user, clock, (p, actor, now) =>
            PolicyRules.ReviewWithoutChange(p, body.ReviewedBy!.Trim(), on!.Value, next, day.Today, actor.Id, now));
    }

    private static async Task<Results<Ok<PolicyStatus>, ValidationProblem, ProblemHttpResult>> RequestReview(string code, RequestPolicyReview body,
        HttpContext http, IDocumentSession session, SchoolDay day, CurrentUser user, TimeProvider clock)
    {
        var v = new FieldErrors().Code(code, "code").Text(body.Reason, "reason", 500);
        var due = v.RequiredDate(body.DueOn, "dueOn");
        if (!v.IsValid) return v.Problem();
        return await Apply(code, http, session, day, user, clock, (p, actor, now) =>
            PolicyRules.RequestReview(p, body.Reason!.Trim(), due!.Value, null, null, day.Today, actor.Id, now));
    }

    /// <summary>A change to a policy on the register, on the one change path; the review date it leaves is recorded with it.</summary>
    private static Task<Results<Ok<PolicyStatus>, ValidationProblem, ProblemHttpResult>> Apply(string code, HttpContext http,
        IDocumentSession session, SchoolDay day, CurrentUser user, TimeProvider clock, Func<SchoolPolicy, Actor, DateTimeOffset, Decision> decide) =>
        Change.Apply<SchoolPolicy, PolicyStatus>(http, session, user, clock, StreamIds.Policy(code),
            (p, actor, now) => WithReviewDue(p, decide(p, actor, now), now), _ => StatusOf(code, session, day, http.RequestAborted), Existing);

    private static Decision WithReviewDue(SchoolPolicy? policy, Decision decision, DateTimeOffset now) =>
        decision.Accepted ? decision with { Events = PolicyRules.WithReviewDue(policy, decision.Events, now) } : decision;

    private static async Task<PolicyStatus> StatusOf(string code, IQuerySession session, SchoolDay day, CancellationToken ct) =>
        PolicyRules.Status((await session.LoadAsync<SchoolPolicy>(StreamIds.Policy(code), ct))!, day.Today);
}
