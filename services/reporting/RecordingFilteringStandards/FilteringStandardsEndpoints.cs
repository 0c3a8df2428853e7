using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.EventSourcing;
using TrustSafety.Reporting.Standards;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.ServiceDefaults.Http;
using TrustSafety.Platform;

namespace TrustSafety.Reporting.RecordingFilteringStandards;

/// <summary>The school's DfE filtering and monitoring standards evidence: read it, name who is responsible, record reviews and block/allow decisions.</summary>
public static class FilteringStandardsEndpoints
{
    private static readonly string[] Readers = [PlatformRoles.Dsl, PlatformRoles.DeputyDsl, PlatformRoles.Headteacher, PlatformRoles.Governor, PlatformRoles.ItAdmin];

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
        StandardsChange.Apply(user, session, request, StandardsDecisions.Check(body),
            _ => Decision.Accept(new FilteringResponsibilitiesNamed(user.Tenant, body.SltMember!.Trim(), body.Governor!.Trim(), user.Name, time.GetUtcNow())), ct);

    private static Task<Results<Ok<FilteringStandardsEvidence>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Review(
        RecordReview body, CurrentUser user, IDocumentSession session, TimeProvider time, HttpRequest request, CancellationToken ct) =>
        StandardsChange.Apply(user, session, request, StandardsDecisions.Check(body, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)),
            _ => Decision.Accept(new FilteringReviewRecorded(user.Tenant, body.ReviewedOn!.Value, body.Outcome!.Trim(),
                body.NextReviewDue ?? body.ReviewedOn!.Value.AddYears(1), user.Name, time.GetUtcNow(),
                new ReviewParticipants(body.Participants!.Slt!.Trim(), body.Participants.Dsl!.Trim(), body.Participants.It!.Trim()),
                ReviewChecklist.Items.Select(item => body.Checklist!.First(a => a.Item == item.Code))
                    .Select(a => new ChecklistAnswer(a.Item, a.Done, string.IsNullOrWhiteSpace(a.Note) ? null : a.Note.Trim())).ToList())), ct);

    private static Task<Results<Ok<FilteringStandardsEvidence>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Decide(
        RecordDecision body, CurrentUser user, IDocumentSession session, TimeProvider time, HttpRequest request, CancellationToken ct) =>
        StandardsChange.Apply(user, session, request, StandardsDecisions.Check(body, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)),
            _ => Decision.Accept(new FilteringDecisionRecorded(user.Tenant, Guid.CreateVersion7(), body.Kind!, body.What!.Trim(), body.Reason!.Trim(),
                body.DecidedOn!.Value, user.Name, time.GetUtcNow(), body.RequestedBy!.Trim(), body.ApprovedBy!.Trim(), body.Until)), ct);
}
