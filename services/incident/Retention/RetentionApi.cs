using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TrustSafety.Incident.DataProtection;
using TrustSafety.Incident.Http;
using TrustSafety.Incident.Incidents;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Incident.Retention;

public sealed record ReasonRequest(string? Reason);

public sealed record RetentionStatus(
    Guid IncidentId, string RecordType, DateOnly? RetainUntil, string? Action, string? Rule, bool LegalHold, string? LegalHoldReason,
    DateOnly? ReviewDueFor, bool Disposed, IReadOnlyList<string> History);

/// <summary>Retention of one school's incidents: the review trigger, legal holds and disposal after review (DSL only).</summary>
public static class RetentionApi
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/retention/review", Review).RequireAuthorization(DataProtectionSetup.DslOnly)
            .WithName("RunRetentionReview").WithSummary("Run the retention review for your school now (DSL): files past retention get review-due or disposed events");
        group.MapGet("/incidents/{id:guid}/retention", Status).RequireAuthorization(DataProtectionSetup.DslOnly)
            .WithName("GetIncidentRetention").WithSummary("The incident's record type, retention date, legal hold and disposal (DSL)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/incidents/{id:guid}/legal-hold", (Guid id, ReasonRequest body, IDocumentSession s, CurrentUser u, TimeProvider c, IOptions<RetentionOptions> o, Keyring k, CancellationToken ct) =>
                ChangeFile(id, body, s, u, c, o.Value, k, ct, (file, _, actor, now, reason) => RetentionRules.PlaceHold(id, file, actor, reason, now)))
            .RequireAuthorization(DataProtectionSetup.DslOnly)
            .WithName("PlaceLegalHold").WithSummary("Place a legal hold (DSL): the file is never disposed of while it holds")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesRecordProblems();
        group.MapPost("/incidents/{id:guid}/legal-hold/release", (Guid id, ReasonRequest body, IDocumentSession s, CurrentUser u, TimeProvider c, IOptions<RetentionOptions> o, Keyring k, CancellationToken ct) =>
                ChangeFile(id, body, s, u, c, o.Value, k, ct, (file, _, actor, now, reason) => RetentionRules.ReleaseHold(id, file, actor, reason, now)))
            .RequireAuthorization(DataProtectionSetup.DslOnly)
            .WithName("ReleaseLegalHold").WithSummary("Release a legal hold (DSL)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesRecordProblems();
        group.MapPost("/incidents/{id:guid}/dispose", Dispose).RequireAuthorization(DataProtectionSetup.DslOnly)
            .WithName("DisposeIncident").WithSummary("Dispose of a file whose retention period has ended (DSL, after review): its personal fields are shredded")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesRecordProblems();
    }

    private static async Task<Results<Ok<RetentionRun>, ProblemHttpResult>> Review(
        CurrentUser user, RetentionReview review, CancellationToken ct)
    {
        if (!user.IsInRole(PlatformRoles.Dsl)) return OnlyDsl();
        return TypedResults.Ok(await review.RunAsync(user.Tenant, ct));
    }

    private static async Task<Results<Ok<RetentionStatus>, ProblemHttpResult>> Status(
        Guid id, IQuerySession session, CurrentUser user, IOptions<RetentionOptions> options, Keyring keyring, CancellationToken ct)
    {
        if (!user.IsInRole(PlatformRoles.Dsl)) return OnlyDsl();
        var incident = await session.LoadAsync<OnlineSafetyIncident>(id, ct);
        if (incident is null) return Problems.IncidentNotFound(id);
        var file = await session.LoadAsync<RetentionFile>(RetentionStream.For(id), ct);
        return TypedResults.Ok(await StatusOf(session, incident, file, options.Value, keyring, ct));
    }

    private static async Task<RetentionStatus> StatusOf(
        IQuerySession session, OnlineSafetyIncident incident, RetentionFile? file, RetentionOptions options, Keyring keyring, CancellationToken ct)
    {
        var facts = await FactsOf(session, incident, keyring, ct);
        var period = RetentionRules.PeriodOf(facts, options);
        return new(incident.Id, period?.RecordType ?? RetentionRules.RecordTypeOf(facts, options), period?.RetainUntil, period?.Action,
            period?.Rule ?? "kept while open; the period starts at closure", file?.Hold is not null, file?.Hold?.Reason, file?.ReviewDueFor,
            file?.Disposed is not null, file?.History ?? []);
    }

    private static async Task<RetentionFacts> FactsOf(IQuerySession session, OnlineSafetyIncident incident, Keyring keyring, CancellationToken ct)
    {
        var keys = await keyring.ForOpeningAsync(session, IncidentPersonalData.KeySubjects(incident), ct);
        return RetentionFacts.Of(incident, keys);
    }

    private static async Task<Results<Ok<RetentionStatus>, ValidationProblem, ProblemHttpResult>> Dispose(
        Guid id, ReasonRequest body, IDocumentSession session, CurrentUser user, TimeProvider clock, IOptions<RetentionOptions> options,
        Keyring keyring, CancellationToken ct)
    {
        var o = options.Value;
        return await ChangeFile(id, body, session, user, clock, o, keyring, ct, (file, facts, actor, now, reason) =>
            RetentionRules.Dispose(facts, file, actor, reason, now, o));
    }

    /// <summary>
    /// Retention has no If-Match (a DSL's hold or disposal is not an edit of something read), so it is a recorded change to the
    /// one retention stream: fetched for writing and appended at the version read, a write in between is a 412.
    /// </summary>
    private static async Task<Results<Ok<RetentionStatus>, ValidationProblem, ProblemHttpResult>> ChangeFile(
        Guid id, ReasonRequest body, IDocumentSession session, CurrentUser user, TimeProvider clock, RetentionOptions options,
        Keyring keyring, CancellationToken ct, Func<RetentionFile?, RetentionFacts, Actor, DateTimeOffset, string, Decision> decide)
    {
        if (!user.IsInRole(PlatformRoles.Dsl)) return OnlyDsl();
        var incident = await session.LoadAsync<OnlineSafetyIncident>(id, ct);
        if (incident is null) return Problems.IncidentNotFound(id);
        if (string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Length > 1000)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["reason"] = ["reason is required (at most 1000 characters): why, e.g. the solicitor's request or the review's conclusion."],
            }, title: "Nothing was changed", detail: "Give a reason and send the request again.");
        var reason = body.Reason.Trim();
        var facts = await FactsOf(session, incident, keyring, ct);
        var stream = RetentionStream.For(id);
        return await Change.Record<RetentionFile, Ok<RetentionStatus>>(session, user, clock, [stream],
            (files, actor, now) => decide(files[stream], facts, actor, now, reason),
            async _ => TypedResults.Ok(await StatusOf(session, incident, await session.LoadAsync<RetentionFile>(stream, ct), options, keyring, ct)),
            ct,
            // The file's key goes in the same transaction as its disposal: the personal fields are unreadable once it is recorded.
            async decision =>
            {
                if (decision.Elsewhere.Any(e => e.Event is IncidentDisposed)) await keyring.DestroyAsync(session, Subjects.Incident(id), ct);
            });
    }

    public static ProblemHttpResult OnlyDsl() => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
        title: "Only the DSL can do this", detail: "Retention, legal holds, erasure and subject-access exports are the school DSL's decisions.");
}
