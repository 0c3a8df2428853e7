using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Reporting.Trust;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.ServiceDefaults.Http;

namespace TrustSafety.Reporting.Standards;

public sealed record StandardsStatus(string Urn, string Name, bool SltMemberNamed, bool GovernorNamed, DateOnly? LastReviewOn,
    string? LastReviewOutcome, DateOnly? NextReviewDue, bool ReviewOverdue, int Decisions);

public static class StandardsEndpoints
{
    private static readonly string[] Readers = [PlatformRoles.Dsl, PlatformRoles.DeputyDsl, PlatformRoles.Headteacher, PlatformRoles.Governor, PlatformRoles.ItAdmin];
    private static readonly string[] Writers = [PlatformRoles.Dsl, PlatformRoles.DeputyDsl, PlatformRoles.Headteacher, PlatformRoles.ItAdmin];

    public static WebApplication MapStandards(this WebApplication app)
    {
        var standards = app.MapGroup("/standards").WithTags("standards").RequireAuthorization(PlatformPolicies.SchoolMember);
        standards.MapGet("/", Get).WithSummary("The caller's school's DfE filtering and monitoring standards evidence (ETag)");
        standards.MapPut("/responsibilities", Name).WithSummary("Name the SLT member and governor responsible (If-Match)")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        standards.MapPost("/reviews", Review).WithSummary("Record an annual review: date, outcome, next due (If-Match)")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        standards.MapPost("/decisions", Decide).WithSummary("Record a block/allow decision with its reason (If-Match)")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        app.MapGet("/trust/standards", TrustStatus).WithTags("trust").RequireAuthorization(PlatformPolicies.TrustLead)
            .WithSummary("Each school's standards evidence status");
        return app;
    }

    private static async Task<Results<Ok<FilteringStandardsEvidence>, ForbidHttpResult>> Get(CurrentUser user, IQuerySession session, HttpResponse response, CancellationToken ct)
    {
        if (!user.IsInAnyRole(Readers)) return TypedResults.Forbid();
        var evidence = await session.LoadAsync<FilteringStandardsEvidence>(FilteringStandardsEvidence.StreamFor(user.Tenant), ct)
            ?? new FilteringStandardsEvidence { Id = FilteringStandardsEvidence.StreamFor(user.Tenant), SchoolUrn = user.Tenant };
        response.SetETag(evidence.Version);
        return TypedResults.Ok(evidence);
    }

    private static Task<Results<Ok<FilteringStandardsEvidence>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Name(
        NameResponsibilities body, CurrentUser user, IDocumentSession session, TimeProvider time, HttpRequest request, CancellationToken ct) =>
        Append(user, session, request, StandardsDecisions.Check(body),
            () => new FilteringResponsibilitiesNamed(user.Tenant, body.SltMember!.Trim(), body.Governor!.Trim(), user.Name, time.GetUtcNow()), ct);

    private static Task<Results<Ok<FilteringStandardsEvidence>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Review(
        RecordReview body, CurrentUser user, IDocumentSession session, TimeProvider time, HttpRequest request, CancellationToken ct) =>
        Append(user, session, request, StandardsDecisions.Check(body, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)),
            () => new FilteringReviewRecorded(user.Tenant, body.ReviewedOn!.Value, body.Outcome!.Trim(),
                body.NextReviewDue ?? body.ReviewedOn!.Value.AddYears(1), user.Name, time.GetUtcNow()), ct);

    private static Task<Results<Ok<FilteringStandardsEvidence>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Decide(
        RecordDecision body, CurrentUser user, IDocumentSession session, TimeProvider time, HttpRequest request, CancellationToken ct) =>
        Append(user, session, request, StandardsDecisions.Check(body, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)),
            () => new FilteringDecisionRecorded(user.Tenant, Guid.CreateVersion7(), body.Kind!, body.What!.Trim(), body.Reason!.Trim(),
                body.DecidedOn!.Value, user.Name, time.GetUtcNow()), ct);

    private static async Task<Results<Ok<FilteringStandardsEvidence>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Append(
        CurrentUser user, IDocumentSession session, HttpRequest request, Dictionary<string, string[]> errors, Func<object> decide, CancellationToken ct)
    {
        if (!user.IsInAnyRole(Writers)) return TypedResults.Forbid();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        // The evidence before its first write reads as version 0, so If-Match: "0" starts it.
        if (request.ExpectedVersion() is not { } expected) return Versioning.IfMatchRequired();
        var id = FilteringStandardsEvidence.StreamFor(user.Tenant);
        var stream = await session.Events.FetchForWriting<FilteringStandardsEvidence>(id, ct);
        var current = stream.CurrentVersion ?? 0;
        if (expected != current) return Versioning.Stale(current);
        stream.AppendOne(decide());
        // A write that commits between this read and ours fails the append (ConcurrencyException → 412).
        await session.SaveChangesAsync(ct);
        var evidence = await session.LoadAsync<FilteringStandardsEvidence>(id, ct);
        request.HttpContext.Response.SetETag(evidence!.Version);
        return TypedResults.Ok(evidence);
    }

    private static async Task<Ok<IReadOnlyList<StandardsStatus>>> TrustStatus(IDocumentStore store, TrustOptions trust, TimeProvider time, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        await using var session = store.QuerySession();
        var all = await session.Query<StandardsSummary>().Where(e => e.TenantIsOneOf(trust.Schools.Select(s => s.Urn).ToArray())).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<StandardsStatus>>(trust.Schools.Select(s =>
        {
            var e = all.FirstOrDefault(x => x.SchoolUrn == s.Urn);
            var last = e?.LastReview;
            return new StandardsStatus(s.Urn, s.Name, !string.IsNullOrEmpty(e?.SltMember), !string.IsNullOrEmpty(e?.Governor), last?.ReviewedOn,
                last?.Outcome, last?.NextReviewDue, last is null || last.NextReviewDue < today, e?.Decisions ?? 0);
        }).ToList());
    }
}
