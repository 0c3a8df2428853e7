using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.EventSourcing;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.ServiceDefaults.Http;
using TrustSafety.Platform;

namespace TrustSafety.Reporting.Standards;

public sealed record StandardsStatus(string Urn, string Name, bool SltMemberNamed, bool GovernorNamed, DateOnly? LastReviewOn,
    string? LastReviewOutcome, DateOnly? NextReviewDue, bool ReviewOverdue, int Decisions, int UnblockRequests = 0, int OpenUnblockRequests = 0,
    double? AverageHoursToDecide = null, int? ChecklistDone = null, int? ChecklistItems = null);

public static class StandardsEndpoints
{
    private static readonly string[] Readers = [PlatformRoles.Dsl, PlatformRoles.DeputyDsl, PlatformRoles.Headteacher, PlatformRoles.Governor, PlatformRoles.ItAdmin];
    private static readonly string[] Writers = [PlatformRoles.Dsl, PlatformRoles.DeputyDsl, PlatformRoles.Headteacher, PlatformRoles.ItAdmin];
    private static readonly string[] Requesters = [.. Writers, PlatformRoles.Staff];

    public static WebApplication MapStandards(this WebApplication app)
    {
        var standards = app.MapGroup("/standards").WithTags("standards").RequireAuthorization(PlatformPolicies.SchoolMember);
        standards.MapGet("/", Get).WithName("GetFilteringStandards").WithSummary("The caller's school's DfE filtering and monitoring standards evidence (ETag)");
        standards.MapPut("/responsibilities", Name).WithName("NameFilteringResponsibilities").WithSummary("Name the SLT member and governor responsible (If-Match)")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        standards.MapPost("/reviews", Review).WithName("RecordFilteringReview").WithSummary("Record an annual review: date, outcome, next due (If-Match)")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        standards.MapPost("/decisions", Decide).WithName("RecordFilteringDecision").WithSummary("Record a block/allow decision with its reason (If-Match)")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        standards.MapPost("/unblock-requests", RequestUnblock).WithName("RequestUnblock")
            .WithSummary("A member of staff asks for a blocked site to be unblocked (no If-Match: a new request depends on nothing read)")
            .ProducesRecordProblems();
        standards.MapGet("/unblock-requests/mine", MyUnblockRequests).WithName("MyUnblockRequests")
            .WithSummary("The caller's own unblock requests, newest first, each with its answer once decided (only the asker sees theirs here; the DSL and IT see all in the evidence)");
        standards.MapPost("/unblock-requests/{requestId:guid}/decision", DecideUnblock).WithName("DecideUnblockRequest")
            .WithSummary("Unblock (until a date, or for good) or keep blocked, with the reason (If-Match); an unblock enters the block/allow log")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        app.MapGet("/trust/standards", TrustStatus).WithName("ListTrustFilteringStandards").WithTags("trust").RequireAuthorization(PlatformPolicies.TrustLead)
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
            _ => Decision.Accept(new FilteringResponsibilitiesNamed(user.Tenant, body.SltMember!.Trim(), body.Governor!.Trim(), user.Name, time.GetUtcNow())), ct);

    private static Task<Results<Ok<FilteringStandardsEvidence>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Review(
        RecordReview body, CurrentUser user, IDocumentSession session, TimeProvider time, HttpRequest request, CancellationToken ct) =>
        Append(user, session, request, StandardsDecisions.Check(body, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)),
            _ => Decision.Accept(new FilteringReviewRecorded(user.Tenant, body.ReviewedOn!.Value, body.Outcome!.Trim(),
                body.NextReviewDue ?? body.ReviewedOn!.Value.AddYears(1), user.Name, time.GetUtcNow(),
                new ReviewParticipants(body.Participants!.Slt!.Trim(), body.Participants.Dsl!.Trim(), body.Participants.It!.Trim()),
                ReviewChecklist.Items.Select(item => body.Checklist!.First(a => a.Item == item.Code))
                    .Select(a => new ChecklistAnswer(a.Item, a.Done, string.IsNullOrWhiteSpace(a.Note) ? null : a.Note.Trim())).ToList())), ct);

    private static Task<Results<Ok<FilteringStandardsEvidence>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Decide(
        RecordDecision body, CurrentUser user, IDocumentSession session, TimeProvider time, HttpRequest request, CancellationToken ct) =>
        Append(user, session, request, StandardsDecisions.Check(body, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)),
            _ => Decision.Accept(new FilteringDecisionRecorded(user.Tenant, Guid.CreateVersion7(), body.Kind!, body.What!.Trim(), body.Reason!.Trim(),
                body.DecidedOn!.Value, user.Name, time.GetUtcNow(), body.RequestedBy!.Trim(), body.ApprovedBy!.Trim(), body.Until)), ct);

    private static async Task<Results<Created<UnblockRequestEntry>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> RequestUnblock(
        RequestUnblock body, CurrentUser user, IDocumentSession session, TimeProvider time, CancellationToken ct)
    {
        if (!user.IsInAnyRole(Requesters)) return TypedResults.Forbid();
        var errors = StandardsDecisions.Check(body);
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
        return recorded.Result switch
        {
            Created<UnblockRequestEntry> created => created,
            ValidationProblem invalid => invalid,
            ProblemHttpResult problem => problem,
            _ => throw new InvalidOperationException("The change path answers Created, a validation problem or a problem."),
        };
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
        return Append(user, session, request, StandardsDecisions.Check(body, DateOnly.FromDateTime(now.UtcDateTime)), Decide, ct,
            refuseBeforeVersion: true);
    }

    /// <summary>
    /// A change to the school's evidence on the one change path (If-Match required; the evidence before its first write is
    /// version 0, so "0" starts it). Bad fields are answered before If-Match is asked for; not found (404) and not allowed now
    /// (409) before the version is checked, like every other record.
    /// </summary>
    private static async Task<Results<Ok<FilteringStandardsEvidence>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Append(
        CurrentUser user, IDocumentSession session, HttpRequest request, Dictionary<string, string[]> errors,
        Func<FilteringStandardsEvidence, Decision> decide, CancellationToken ct, bool refuseBeforeVersion = false)
    {
        if (!user.IsInAnyRole(Writers)) return TypedResults.Forbid();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var id = FilteringStandardsEvidence.StreamFor(user.Tenant);
        var http = request.HttpContext;
        var changed = await Change.ApplyOrStart<FilteringStandardsEvidence, FilteringStandardsEvidence>(http, session, user,
            http.RequestServices.GetRequiredService<TimeProvider>(), id,
            (existing, _, _) => decide(existing ?? new FilteringStandardsEvidence { Id = id, SchoolUrn = user.Tenant }),
            async _ => (await session.LoadAsync<FilteringStandardsEvidence>(id, ct))!,
            new ChangeRules<FilteringStandardsEvidence>
            {
                // A request that is not there (404) or already answered (409) says so whatever version was sent.
                Admit = refuseBeforeVersion
                    ? (evidence, _) => decide(evidence).Rejection is { } refused and (Missing or NotAllowedNow)
                        ? TypedResults.Problem(statusCode: refused.Status, title: refused.Title, detail: refused.Detail)
                        : null
                    : null,
            });
        return changed.Result switch
        {
            Ok<FilteringStandardsEvidence> ok => ok,
            ValidationProblem invalid => invalid,
            ProblemHttpResult problem => problem,
            _ => throw new InvalidOperationException("The change path answers Ok, a validation problem or a problem."),
        };
    }

    private static async Task<Ok<IReadOnlyList<StandardsStatus>>> TrustStatus(IDocumentStore store, TrustSchools trust, TimeProvider time, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        await using var session = store.QuerySession();
        var all = await session.Query<StandardsSummary>().Where(e => e.TenantIsOneOf(trust.Schools.Select(s => s.Urn).ToArray())).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<StandardsStatus>>(trust.Schools.Select(s =>
        {
            var e = all.FirstOrDefault(x => x.SchoolUrn == s.Urn);
            var last = e?.LastReview;
            return new StandardsStatus(s.Urn, s.Name, !string.IsNullOrEmpty(e?.SltMember), !string.IsNullOrEmpty(e?.Governor), last?.ReviewedOn,
                last?.Outcome, last?.NextReviewDue, last is null || last.NextReviewDue < today, e?.Decisions ?? 0,
                e?.UnblockRequests ?? 0, e?.OpenUnblockRequests.Count ?? 0, e?.AverageHoursToDecide,
                last?.Checklist?.Count(a => a.Done == true), last?.Checklist?.Count);
        }).ToList());
    }
}
