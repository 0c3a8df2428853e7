using System.Security.Cryptography;
using System.Text;
using JasperFx;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TrustSafety.Incident.Incidents;
using TrustSafety.Incident.Retention;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.EventSourcing.EventStore;
using TrustSafety.Platform;

namespace TrustSafety.Incident.DataProtection;

/// <summary>The school's data-protection decisions (erasures, subject-access exports), one stream per school.</summary>
public static class DataProtectionStream
{
    public static readonly Guid Id = new(MD5.HashData(Encoding.UTF8.GetBytes("incident-data-protection")));
}

public sealed record PersonErased(string Subject, string Kind, string By, string ByName, DateTimeOffset At, string Reason, bool KeyDestroyed);

/// <summary>An erasure granted but deferred: retention keeps a file of the person until <paramref name="DueOn"/>.</summary>
public sealed record ErasureScheduled(string Subject, string Kind, string PersonId, DateOnly DueOn, string By, string ByName, DateTimeOffset At,
    string Reason, IReadOnlyList<string> KeptBy);

/// <param name="WhenRetentionEnds">
/// true: when only retention keeps a file (no legal hold), record the erasure as pending and carry it out on the day the
/// longest retention ends, instead of refusing it.
/// </param>
public sealed record EraseRequest(string? Kind, string? Reason, bool? WhenRetentionEnds = null);

public sealed record ErasureRecorded(string PersonId, string Kind, DateTimeOffset ErasedAt, bool KeyDestroyed);

public sealed record ErasureDeferred(string PersonId, string Kind, DateOnly DueOn, IReadOnlyList<string> KeptBy);

/// <summary>
/// An erasure waiting for retention to end (one per person and school, id = the person's key subject). The daemon leader's
/// retention review carries it out once <see cref="DueOn"/> has come, never while a file of the person is under legal hold.
/// </summary>
public sealed class PendingErasure
{
    public string Id { get; set; } = "";
    public string PersonId { get; set; } = "";
    public string Kind { get; set; } = "";
    public DateOnly DueOn { get; set; }
    public string RequestedBy { get; set; } = "";
    public string RequestedByName { get; set; } = "";
    public DateTimeOffset RequestedAt { get; set; }
    public string Reason { get; set; } = "";
    public List<string> KeptBy { get; set; } = [];
    /// <summary>Why it waits past its date (a legal hold), as of the last review.</summary>
    public string? HeldBy { get; set; }
    public DateTimeOffset? CarriedOutAt { get; set; }
}

/// <summary>
/// Why one file keeps a person now: its words, and the day retention ends (null for a legal hold); with the incident, the
/// record type and rule that keep it, or the hold's reason, so a client can say it in its own words without parsing.
/// </summary>
public sealed record ErasureBlocker(string Text, DateOnly? RetainedUntil, Guid IncidentId = default, string? RecordType = null,
    string? Rule = null, string? HoldReason = null)
{
    public bool LegalHold => RetainedUntil is null;
}

/// <summary>One incident naming the person, and what an erasure now would do to it.</summary>
/// <param name="Outcome">
/// <c>erased</c> (their details on it would read "[erased]"), <c>kept-by-legal-hold</c>, <c>kept-by-retention</c> (until
/// <paramref name="RetainedUntil"/>, under <paramref name="Rule"/>) or <c>disposed</c> (already disposed of: nothing left).
/// </param>
public sealed record ErasurePreviewItem(Guid IncidentId, DateTimeOffset ReportedAt, string Outcome, string RecordType,
    DateOnly? RetainedUntil, string? Rule, string? HoldReason);

/// <summary>
/// What erasing the person now would do, decided by the same rules as the erasure itself: <paramref name="ErasableNow"/>
/// when nothing keeps them; otherwise every kept file blocks the whole erasure, and when only retention keeps them it can
/// be scheduled for <paramref name="ScheduleFor"/> (the day the longest retention ends).
/// </summary>
public sealed record ErasurePreview(string PersonId, string Kind, bool ErasableNow, DateOnly? ScheduleFor, IReadOnlyList<ErasurePreviewItem> Incidents);

/// <summary>
/// Erasure by crypto-shredding: the person's data key is destroyed and the fact recorded. No event is changed or
/// removed; the person's own fields (name, date of birth, ids, actions about them) read as "[erased]" from then on, and
/// shared text once nobody else involved remains. Refused while a file of theirs must be kept (legal hold, retention);
/// when only retention keeps it, the DSL may instead schedule it for the day the longest retention ends.
/// </summary>
public static class ErasePerson
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/people/{personId}/erase", Handle)
            .RequireAuthorization(DataProtectionSetup.DslOnly)
            .WithName("ErasePerson")
            .WithSummary("Erase a pupil or member of staff by destroying their data key (DSL); refused while any of their files is under legal hold or kept by retention (child-protection file, staff allegation), or with whenRetentionEnds: true scheduled (202) for the day the longest retention ends")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesRecordProblems();
        group.MapGet("/people/{personId}/erasure-preview", Preview)
            .RequireAuthorization(DataProtectionSetup.DslOnly)
            .WithName("PreviewErasure")
            .WithSummary("What erasing a pupil or member of staff now would do (DSL): each incident naming them, erased or kept and why, and whether the erasure can happen now or be scheduled for the day retention ends")
            .ProducesValidationProblem();
        group.MapGet("/people/erasures", Pending)
            .RequireAuthorization(DataProtectionSetup.DslOnly)
            .WithName("ListScheduledErasures")
            .WithSummary("Erasures waiting for retention to end, and those carried out when due (DSL)");
    }

    private static async Task<Results<Ok<IReadOnlyList<PendingErasure>>, ProblemHttpResult>> Pending(
        IQuerySession session, CurrentUser user, CancellationToken ct)
    {
        if (!user.IsInRole(PlatformRoles.Dsl)) return RetentionApi.OnlyDsl();
        var all = await session.Query<PendingErasure>().Take(1000).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<PendingErasure>>([.. all.OrderBy(p => p.DueOn).ThenBy(p => p.PersonId, StringComparer.Ordinal)]);
    }

    private static async Task<Results<Ok<ErasurePreview>, ValidationProblem, ProblemHttpResult>> Preview(
        string personId, string? kind, IQuerySession session, CurrentUser user, TimeProvider clock, Keyring keyring,
        IOptions<RetentionOptions> retention, CancellationToken ct)
    {
        if (!user.IsInRole(PlatformRoles.Dsl)) return RetentionApi.OnlyDsl();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (personId.Length > 64) errors["personId"] = ["personId must be at most 64 characters: the internal pupil id or staff id."];
        if (kind is not ("pupil" or "staff")) errors["kind"] = ["kind is required: ?kind=pupil or ?kind=staff."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "The preview could not be made", detail: "Fix the fields listed in errors and ask again.");

        var verdicts = await VerdictsAsync(session, keyring, retention.Value, kind!, personId, clock.GetUtcNow(), ct);
        var blocks = verdicts.Select(v => v.Block).OfType<ErasureBlocker>().ToList();
        var scheduleFor = blocks.Count > 0 && !blocks.Any(b => b.LegalHold) ? blocks.Max(b => b.RetainedUntil) : null;
        return TypedResults.Ok(new ErasurePreview(personId, kind!, blocks.Count == 0, scheduleFor,
            [.. verdicts.Select(v => new ErasurePreviewItem(v.Incident.Id, v.Incident.ReportedAt,
                v.Disposed ? "disposed" : v.Block is null ? "erased" : v.Block.LegalHold ? "kept-by-legal-hold" : "kept-by-retention",
                v.RecordType, v.Block?.RetainedUntil, v.Block?.Rule, v.Block?.HoldReason))]));
    }

    private static async Task<Results<Ok<ErasureRecorded>, Accepted<ErasureDeferred>, ValidationProblem, ProblemHttpResult>> Handle(
        string personId, EraseRequest body, IDocumentSession session, CurrentUser user, TimeProvider clock, Keyring keyring,
        IOptions<RetentionOptions> retention, CancellationToken ct)
    {
        if (!user.IsInRole(PlatformRoles.Dsl)) return RetentionApi.OnlyDsl();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (personId.Length > 64) errors["personId"] = ["personId must be at most 64 characters: the internal pupil id or staff id."];
        if (body.Kind is not ("pupil" or "staff")) errors["kind"] = ["kind is required: 'pupil' or 'staff'."];
        if (string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Length > 1000)
            errors["reason"] = ["reason is required (at most 1000 characters): the erasure request and why it is granted."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "Nothing was erased", detail: "Fix the fields listed in errors and send the request again.");

        var command = new ErasureCommand(personId, body.Kind!, body.Reason!.Trim(), body.WhenRetentionEnds == true);
        var blocks = await BlocksAsync(session, keyring, retention.Value, command.Kind, personId, clock.GetUtcNow(), ct);
        var facts = new ErasureFacts(blocks, await Keyring.HoldsKeyAsync(session, command.Subject, ct));

        // The school's data-protection log is a record of what was done, not a state decided on: it is appended without
        // reading it, so its cost does not grow with the log and an export or another person's erasure never makes this a 412.
        var answer = await Change.Record<Results<Ok<ErasureRecorded>, Accepted<ErasureDeferred>>>(session, user, clock,
            (actor, now) => ErasingPeople.Decide(facts, command, actor, now),
            decision => Task.FromResult<Results<Ok<ErasureRecorded>, Accepted<ErasureDeferred>>>(
                decision.Elsewhere.Single().Event switch
                {
                    ErasureScheduled scheduled => TypedResults.Accepted("/people/erasures",
                        new ErasureDeferred(personId, scheduled.Kind, scheduled.DueOn, scheduled.KeptBy)),
                    PersonErased erased => TypedResults.Ok(new ErasureRecorded(personId, erased.Kind, erased.At, erased.KeyDestroyed)),
                    var other => throw new InvalidOperationException($"An erasure does not decide {other.GetType().Name}."),
                }),
            ct,
            // What the decision stages commits with its event: the pending erasure, or the key's destruction.
            async decision =>
            {
                switch (decision.Elsewhere.Single().Event)
                {
                    case ErasureScheduled scheduled:
                        session.Store(new PendingErasure
                        {
                            Id = scheduled.Subject, PersonId = scheduled.PersonId, Kind = scheduled.Kind, DueOn = scheduled.DueOn,
                            RequestedBy = scheduled.By, RequestedByName = scheduled.ByName, RequestedAt = scheduled.At,
                            Reason = scheduled.Reason, KeptBy = [.. scheduled.KeptBy],
                        });
                        break;
                    case PersonErased erased:
                        // The event was decided on the key read before; a key issued since would be destroyed unrecorded.
                        if (await keyring.DestroyAsync(session, erased.Subject, ct) != erased.KeyDestroyed)
                            throw new ConcurrencyException($"The data key of {erased.Subject} changed while it was being erased.", null);
                        break;
                }
            });

        // Flattened to the endpoint's declared answer, so the OpenAPI document and the JSON stay as they were.
        return answer.Flattened();
    }

    /// <summary>
    /// Carries out every pending erasure of the school that is due and no longer blocked; a legal hold keeps it waiting
    /// (noted on it), a retention that now ends later (a newer file) moves its date. Returns how many were carried out.
    /// </summary>
    public static async Task<int> CarryOutDueAsync(IDocumentStore store, Keyring keyring, RetentionOptions options, string school,
        DateTimeOffset now, CancellationToken ct)
    {
        await using var query = store.QuerySession(school);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var due = (await query.Query<PendingErasure>().Where(p => p.CarriedOutAt == null).ToListAsync(ct)).Where(p => p.DueOn <= today).ToList();
        var done = 0;
        foreach (var candidate in due)
        {
            // The leader's timer and a DSL's POST /retention/review may run at once: one at a time per school, and the
            // pending erasure read again inside the lock, so it is carried out once.
            await using var session = store.LightweightSession(school);
            await session.LockForTransactionAsync($"trustsafety-scheduled-erasures:{school}", ct);
            if (await session.LoadAsync<PendingErasure>(candidate.Id, ct) is not { CarriedOutAt: null } pending) continue;
            var blocks = await BlocksAsync(session, keyring, options, pending.Kind, pending.PersonId, now, ct);
            if (blocks.Count == 0)
            {
                var destroyed = await keyring.DestroyAsync(session, pending.Id, ct);
                session.Events.Append(DataProtectionStream.Id, new PersonErased(pending.Id, pending.Kind, pending.RequestedBy,
                    pending.RequestedByName, now, $"{pending.Reason} (scheduled on {pending.RequestedAt:yyyy-MM-dd}, due {pending.DueOn:yyyy-MM-dd})", destroyed));
                pending.CarriedOutAt = now;
                pending.HeldBy = null;
                done++;
            }
            else if (blocks.Any(b => b.LegalHold)) pending.HeldBy = string.Join("; ", blocks.Where(b => b.LegalHold).Select(b => b.Text));
            else
            {
                pending.DueOn = blocks.Max(b => b.RetainedUntil!.Value);
                pending.KeptBy = [.. blocks.Select(b => b.Text)];
                pending.HeldBy = null;
            }
            session.Store(pending);
            await session.SaveChangesAsync(ct);
        }
        return done;
    }

    /// <summary>Why each of the person's files in this school blocks an erasure now (empty: none does).</summary>
    private static async Task<IReadOnlyList<ErasureBlocker>> BlocksAsync(IQuerySession session, Keyring keyring, RetentionOptions options,
        string kind, string personId, DateTimeOffset now, CancellationToken ct) =>
        [.. (await VerdictsAsync(session, keyring, options, kind, personId, now, ct)).Select(v => v.Block).OfType<ErasureBlocker>()];

    private sealed record Verdict(OnlineSafetyIncident Incident, string RecordType, bool Disposed, ErasureBlocker? Block);

    /// <summary>Each of the person's incidents in this school, oldest first, and what keeps it from an erasure now (if anything).</summary>
    private static async Task<IReadOnlyList<Verdict>> VerdictsAsync(IQuerySession session, Keyring keyring, RetentionOptions options,
        string kind, string personId, DateTimeOffset now, CancellationToken ct)
    {
        var theirs = kind == "pupil"
            ? await session.Query<OnlineSafetyIncident>().Where(i => i.PupilIds.Contains(personId)).ToListAsync(ct)
            : await session.Query<OnlineSafetyIncident>().Where(i => i.People.Any(p => p.StaffId == personId)).ToListAsync(ct);
        if (theirs.Count == 0) return [];
        var files = (await session.LoadManyAsync<RetentionFile>(ct, theirs.Select(i => RetentionStream.For(i.Id)).ToArray()))
            .ToDictionary(f => f.IncidentId);
        var keys = await keyring.ForOpeningAsync(session,
            theirs.SelectMany(i => IncidentPersonalData.KeySubjects(i)), ct);
        return [.. theirs.OrderBy(i => i.ReportedAt).Select(i =>
        {
            var facts = RetentionFacts.Of(i, keys);
            var file = files.GetValueOrDefault(i.Id);
            return new Verdict(i, RetentionRules.PeriodOf(facts, options)?.RecordType ?? RecordTypes.OnlineSafetyIncident,
                file?.Disposed is not null, RetentionRules.ErasureBlockOf(facts, file, now, options));
        })];
    }
}
