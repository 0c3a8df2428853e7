using Marten;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.ServiceDefaults.Http;

namespace TrustSafety.Governance.Policies;

public sealed record RegisterPolicy(string? Title);
public sealed record ApprovePolicyVersion(string? VersionLabel, string? ApprovedBy, string? ApprovedOn, string? NextReviewOn, string? DocumentUrl);
public sealed record RecordPolicyReview(string? ReviewedBy, string? ReviewedOn, string? NextReviewOn);
public sealed record RequestPolicyReview(string? Reason, string? DueOn);
public sealed record SuggestedPolicy(string Code, string Title, bool OnRegister);

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
            .WithSummary("Put a policy on the register (kebab-case code, title), or retitle it");
        p.MapPost("/{code}/versions", Approve).RequireAuthorization(GovernancePolicies.Manage).WithName("ApprovePolicyVersion")
            .WithSummary("A new version approved (by whom, when); next review a year on by default (If-Match)");
        p.MapPost("/{code}/reviews", Review).RequireAuthorization(GovernancePolicies.Manage).WithName("RecordPolicyReview")
            .WithSummary("Reviewed with no change: the next review moves on (If-Match)");
        p.MapPost("/{code}/review-requests", RequestReview).RequireAuthorization(GovernancePolicies.Manage).WithName("RequestPolicyReview")
            .WithSummary("Ask for a review before the annual date (If-Match)");
    }

    private static async Task<IResult> List(IQuerySession session, SchoolDay day, CancellationToken ct) =>
        TypedResults.Ok((await session.Query<SchoolPolicy>().ToListAsync(ct)).OrderBy(p => p.Title, StringComparer.OrdinalIgnoreCase)
            .Select(p => PolicyRules.Status(p, day.Today)));

    private static async Task<IResult> Overdue(IQuerySession session, SchoolDay day, CancellationToken ct) =>
        TypedResults.Ok((await session.Query<SchoolPolicy>().ToListAsync(ct)).Select(p => PolicyRules.Status(p, day.Today))
            .Where(s => s.State == "overdue").OrderBy(s => s.ReviewDueOn));

    private static async Task<IResult> Suggested(IQuerySession session, CancellationToken ct)
    {
        var codes = (await session.Query<SchoolPolicy>().Select(p => p.Code).ToListAsync(ct)).ToHashSet();
        return TypedResults.Ok(PolicyRules.Suggested.Select(s => new SuggestedPolicy(s.Key, s.Value, codes.Contains(s.Key))));
    }

    private static async Task<IResult> Get(string code, IQuerySession session, SchoolDay day, HttpResponse response, CancellationToken ct)
    {
        var policy = await session.LoadAsync<SchoolPolicy>(StreamIds.Policy(code), ct);
        if (policy is null) return Rejections.NotFound("Policy");
        response.SetETag(policy.Version);
        return TypedResults.Ok(new { status = PolicyRules.Status(policy, day.Today), versions = policy.Versions });
    }

    private static async Task<IResult> Register(string code, RegisterPolicy body, IDocumentSession session, SchoolDay day, CurrentUser user,
        HttpResponse response, CancellationToken ct)
    {
        var v = new FieldErrors().Code(code, "code").Text(body.Title, "title", 200);
        if (!v.IsValid) return v.Problem();
        var stream = await session.Events.FetchForWriting<SchoolPolicy>(StreamIds.Policy(code), ct);
        stream.AppendMany(PolicyRules.WithReviewDue(stream.Aggregate, PolicyRules.Register(stream.Aggregate, code, body.Title!.Trim(), user.Id, day.Now).Events, day.Now));
        await session.SaveChangesAsync(ct);
        var policy = (await session.LoadAsync<SchoolPolicy>(stream.Id, ct))!;
        response.SetETag(policy.Version);
        return TypedResults.Ok(PolicyRules.Status(policy, day.Today));
    }

    private static async Task<IResult> Approve(string code, ApprovePolicyVersion body, HttpRequest request, IDocumentSession session, SchoolDay day,
        CurrentUser user, CancellationToken ct)
    {
        var v = new FieldErrors().Code(code, "code").Text(body.ApprovedBy, "approvedBy", 120).Optional(body.VersionLabel, "versionLabel", 20)
            .Require(body.DocumentUrl is null || Uri.TryCreate(body.DocumentUrl, UriKind.Absolute, out _), "documentUrl",
                "Give an absolute URL of the approved document, or leave it out.");
        var approvedOn = v.RequiredDate(body.ApprovedOn, "approvedOn");
        var next = v.Date(body.NextReviewOn, "nextReviewOn");
        if (!v.IsValid) return v.Problem();
        return await Decide(code, request, session, day, ct, p => PolicyRules.Approve(p, string.IsNullOrWhiteSpace(body.VersionLabel) ? null : body.VersionLabel.Trim(),
            body.ApprovedBy!.Trim(), approvedOn!.Value, next, body.DocumentUrl, day.Today, user.Id, day.Now));
    }

    private static async Task<IResult> Review(string code, RecordPolicyReview body, HttpRequest request, IDocumentSession session, SchoolDay day,
        CurrentUser user, CancellationToken ct)
    {
        var v = new FieldErrors().Code(code, "code").Text(body.ReviewedBy, "reviewedBy", 120);
        var on = v.RequiredDate(body.ReviewedOn, "reviewedOn");
        var next = v.Date(body.NextReviewOn, "nextReviewOn");
        if (!v.IsValid) return v.Problem();
        return await Decide(code, request, session, day, ct, p => PolicyRules.ReviewWithoutChange(p, body.ReviewedBy!.Trim(), on!.Value, next, day.Today, user.Id, day.Now));
    }

    private static async Task<IResult> RequestReview(string code, RequestPolicyReview body, HttpRequest request, IDocumentSession session,
        SchoolDay day, CurrentUser user, CancellationToken ct)
    {
        var v = new FieldErrors().Code(code, "code").Text(body.Reason, "reason", 500);
        var due = v.RequiredDate(body.DueOn, "dueOn");
        if (!v.IsValid) return v.Problem();
        return await Decide(code, request, session, day, ct, p => PolicyRules.RequestReview(p, body.Reason!.Trim(), due!.Value, null, null, day.Today, user.Id, day.Now));
    }

    private static async Task<IResult> Decide(string code, HttpRequest request, IDocumentSession session, SchoolDay day, CancellationToken ct,
        Func<SchoolPolicy?, Decision> decide)
    {
        var existing = await session.LoadAsync<SchoolPolicy>(StreamIds.Policy(code), ct);
        if (existing is null) return Rejections.NotFound("Policy");
        if (request.ExpectedVersion() is not { } expected) return Versioning.IfMatchRequired();
        if (expected != existing.Version) return Versioning.Stale(existing.Version);
        var stream = await session.Events.FetchForWriting<SchoolPolicy>(existing.Id, expected, ct);
        var outcome = decide(stream.Aggregate);
        if (outcome.Rejection is { } rejected) return rejected.ToResult();
        stream.AppendMany(PolicyRules.WithReviewDue(stream.Aggregate, outcome.Events, day.Now));
        await session.SaveChangesAsync(ct);
        var policy = (await session.LoadAsync<SchoolPolicy>(existing.Id, ct))!;
        request.HttpContext.Response.SetETag(policy.Version);
        return TypedResults.Ok(PolicyRules.Status(policy, day.Today));
    }
}
