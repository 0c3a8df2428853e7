using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.EventSourcing;
using TrustSafety.Reporting.Standards;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.ServiceDefaults.Http;
using TrustSafety.Platform;

namespace TrustSafety.Reporting.RequestingUnblock;

/// <summary>A member of staff asks for a blocked site to be unblocked, sees their own requests answered, and the DSL or IT decides.</summary>
public static class UnblockRequestEndpoints
{
    private static readonly string[] Requesters = [.. StandardsChange.Writers, PlatformRoles.Staff];

    /// <summary>Mapped after <c>/standards</c>' own writes (RecordingFilteringStandards/), on the same route prefix.</summary>
    public static WebApplication MapUnblockRequests(this WebApplication app)
    {
        var standards = app.MapGroup("/standards").WithTags("standards").RequireAuthorization(PlatformPolicies.SchoolMember);
        standards.MapPost("/unblock-requests", RequestUnblock).WithName("RequestUnblock")
            .WithSummary("A member of staff asks for a blocked site to be unblocked (no If-Match: a new request depends on nothing read)")
            .ProducesRecordProblems();
        standards.MapGet("/unblock-requests/mine", MyUnblockRequests).WithName("MyUnblockRequests")
            .WithSummary("The caller's own unblock requests, newest first, each with its answer once decided (only the asker sees theirs here; the DSL and IT see all in the evidence)");
        standards.MapPost("/unblock-requests/{requestId:guid}/decision", DecideUnblock).WithName("DecideUnblockRequest")
            .WithSummary("Unblock (until a date, or for good) or keep blocked, with the reason (If-Match); an unblock enters the block/allow log")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        return app;
    }

    private static async Task<Results<Created<UnblockRequestEntry>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> RequestUnblock(
        RequestUnblock body, CurrentUser user, IDocumentSession session, TimeProvider time, CancellationToken ct)
    {
        if (!user.IsInAnyRole(Requesters)) return TypedResults.Forbid();
        var errors = UnblockRequestChecks.Check(body);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var id = FilteringStandardsEvidence.StreamFor(user.Tenant);
        var requestId = Guid.CreateVersion7();
        var recorded = await Change.Record<FilteringStandardsEvidence, Created<UnblockRequestEntry>>(session, user, time, [id],
            (_, actor, now) => UnblockRequestDecider.Request(id, user.Tenant, requestId, body, actor, now),
            decision =>
            {
                var requested = (UnblockRequested)decision.Elsewhere.Single().Event;
                return Task.FromResult(TypedResults.Created($"/standards/unblock-requests/{requestId}", new UnblockRequestEntry(requestId,
                    requested.Site, requested.Reason, requested.RequestedBy, requested.At, RequestedById: requested.RequestedById)));
            }, ct);
        return recorded.Or<Created<UnblockRequestEntry>, ForbidHttpResult>();
    }

    private static async Task<Results<Ok<IReadOnlyList<UnblockRequestEntry>>, ForbidHttpResult>> MyUnblockRequests(
        CurrentUser user, IQuerySession session, CancellationToken ct)
    {
        if (!user.IsInAnyRole(Requesters)) return TypedResults.Forbid();
        var evidence = await session.LoadAsync<FilteringStandardsEvidence>(FilteringStandardsEvidence.StreamFor(user.Tenant), ct);
        return TypedResults.Ok<IReadOnlyList<UnblockRequestEntry>>(
            (evidence?.UnblockRequests ?? []).Where(r => r.AskedBy(user.Id, user.Name)).OrderByDescending(r => r.RequestedAt).ToList());
    }

    private static Task<Results<Ok<FilteringStandardsEvidence>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> DecideUnblock(
        Guid requestId, DecideUnblockRequest body, CurrentUser user, IDocumentSession session, TimeProvider time, HttpRequest request, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var decisionId = Guid.CreateVersion7();
        Decision Decide(FilteringStandardsEvidence evidence) => UnblockRequestDecider.Decide(evidence, requestId, body, user.Name, now, decisionId);
        // Bad fields are answered before If-Match is asked for; 404 and 409 before the version is checked.
        return StandardsChange.Apply(user, session, request, UnblockRequestChecks.Check(body, DateOnly.FromDateTime(now.UtcDateTime)), Decide, ct,
            refuseBeforeVersion: true);
    }
}
