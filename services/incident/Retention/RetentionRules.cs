using TrustSafety.Incident.DataProtection;
using TrustSafety.Incident.Incidents;

namespace TrustSafety.Incident.Retention;

/// <summary>What retention needs to know about an incident (dates of birth already opened).</summary>
public sealed record RetentionFacts(
    Guid IncidentId, DateTimeOffset ReportedAt, DateTimeOffset? ClosedAt, bool Referred, bool Illegal, int? Severity,
    bool AllegationAgainstStaff, IReadOnlyList<DateOnly?> PupilDatesOfBirth)
{
    public static RetentionFacts Of(OnlineSafetyIncident i, OpenKeys keys) => new(
        i.Id, i.ReportedAt, i.Closure?.At, i.Referrals.Count > 0, i.Triage?.Illegal == true, i.Severity, i.AllegationAgainstStaff,
        i.People.Select((p, n) => (p, n)).Where(x => x.p.PupilId is not null)
            .Select(x => IncidentPersonalData.DateOfBirth(i.Id, x.n, x.p.DateOfBirth, Subjects.Pupil(x.p.PupilId!), keys)).ToList());
}

public sealed record RetentionPeriod(string RecordType, DateOnly RetainUntil, string Action, string Rule);

public static class RetentionRules
{
    public const string JobActor = "retention-review";

    public static string RecordTypeOf(RetentionFacts f, RetentionOptions o) =>
        f.AllegationAgainstStaff ? RecordTypes.StaffAllegation
        : f.Referred || f.Illegal || f.Severity >= o.ChildProtectionFile.MinimumSeverity ? RecordTypes.ChildProtectionFile
        : RecordTypes.OnlineSafetyIncident;

    /// <summary>Until when the file is kept; null while an ordinary incident is still open (its clock starts at closure).</summary>
    public static RetentionPeriod? PeriodOf(RetentionFacts f, RetentionOptions o)
    {
        var reported = DateOnly.FromDateTime(f.ReportedAt.UtcDateTime);
        switch (RecordTypeOf(f, o))
        {
            case RecordTypes.StaffAllegation:
                return new(RecordTypes.StaffAllegation, reported.AddYears(o.StaffAllegation.Years), o.StaffAllegation.Action,
                    $"reported + {o.StaffAllegation.Years} years");
            case RecordTypes.ChildProtectionFile:
                var cp = o.ChildProtectionFile;
                // The youngest child sets the date; a child without a known date of birth falls back to the report date.
                var known = f.PupilDatesOfBirth.OfType<DateOnly>().Select(d => d.AddYears(cp.YearsAfterDateOfBirth)).ToList();
                var fallback = f.PupilDatesOfBirth.Count == 0 || f.PupilDatesOfBirth.Any(d => d is null)
                    ? reported.AddYears(cp.YearsAfterReportWithoutDateOfBirth) : (DateOnly?)null;
                var until = known.Append(fallback ?? DateOnly.MinValue).Max();
                return new(RecordTypes.ChildProtectionFile, until, cp.Action, fallback == until
                    ? $"reported + {cp.YearsAfterReportWithoutDateOfBirth} years (a date of birth is unknown)"
                    : $"pupil's date of birth + {cp.YearsAfterDateOfBirth} years");
            default:
                if (f.ClosedAt is not { } closed) return null;
                return new(RecordTypes.OnlineSafetyIncident, DateOnly.FromDateTime(closed.UtcDateTime).AddYears(o.OnlineSafetyIncident.Years),
                    o.OnlineSafetyIncident.Action, $"closed + {o.OnlineSafetyIncident.Years} years");
        }
    }

    /// <summary>The review's decision for one file: nothing, a review flag, or disposal. A legal hold stops both.</summary>
    public static object? Decide(RetentionFacts facts, RetentionFile? file, DateTimeOffset now, RetentionOptions o)
    {
        if (file?.Disposed is not null || file?.Hold is not null) return null;
        if (PeriodOf(facts, o) is not { } period || DateOnly.FromDateTime(now.UtcDateTime) < period.RetainUntil) return null;
        if (period.Action == RetentionActions.Dispose)
            return new IncidentDisposed(facts.IncidentId, period.RecordType, period.RetainUntil, JobActor, "Retention review", now,
                $"Retention period ended ({period.Rule})");
        return file?.ReviewDueFor == period.RetainUntil
            ? null
            : new RetentionReviewDue(facts.IncidentId, period.RecordType, period.RetainUntil, period.Rule, now);
    }

    /// <summary>
    /// Why a person on this file cannot be erased now, or null: a legal hold, or a file that retention keeps for a legal
    /// reason (child-protection file, allegation against staff) until its date. An ordinary incident's period is a most,
    /// not a least, so it never blocks an erasure; a disposed file has nothing left to keep.
    /// </summary>
    public static string? ErasureBlock(RetentionFacts facts, RetentionFile? file, DateTimeOffset now, RetentionOptions o) =>
        ErasureBlockOf(facts, file, now, o)?.Text;

    /// <summary>As <see cref="ErasureBlock"/>, with the day the retention ends (none for a legal hold): an erasure blocked
    /// only by retention can be scheduled for the latest of those days.</summary>
    public static ErasureBlocker? ErasureBlockOf(RetentionFacts facts, RetentionFile? file, DateTimeOffset now, RetentionOptions o)
    {
        if (file?.Disposed is not null) return null;
        if (file?.Hold is { } hold) return new($"incident {facts.IncidentId} is under legal hold", null, facts.IncidentId, HoldReason: hold.Reason);
        if (PeriodOf(facts, o) is not { } period || period.RecordType == RecordTypes.OnlineSafetyIncident) return null;
        return DateOnly.FromDateTime(now.UtcDateTime) < period.RetainUntil
            ? new($"incident {facts.IncidentId} is a {period.RecordType} kept until {period.RetainUntil:yyyy-MM-dd} ({period.Rule})", period.RetainUntil,
                facts.IncidentId, period.RecordType, period.Rule)
            : null;
    }

    /// <summary>The refusals' title: each is a 409 that the file's state, not the request, explains.</summary>
    public const string NotPossibleNow = "Not possible now";

    /// <summary>A DSL places a legal hold on a file not already held; the event goes to the file's retention stream.</summary>
    public static Decision PlaceHold(Guid incidentId, RetentionFile? file, Actor actor, string reason, DateTimeOffset now) =>
        file?.Hold is not null
            ? Decision.Conflict(NotPossibleNow, "The incident is already under legal hold.")
            : Decision.Nothing.AlsoOn(RetentionStream.For(incidentId), new LegalHoldPlaced(incidentId, actor.Id, actor.Name, now, reason));

    /// <summary>A DSL releases the file's legal hold, if it has one.</summary>
    public static Decision ReleaseHold(Guid incidentId, RetentionFile? file, Actor actor, string reason, DateTimeOffset now) =>
        file?.Hold is null
            ? Decision.Conflict(NotPossibleNow, "The incident is not under legal hold.")
            : Decision.Nothing.AlsoOn(RetentionStream.For(incidentId), new LegalHoldReleased(incidentId, actor.Id, actor.Name, now, reason));

    /// <summary>A DSL disposes of a file once its review is due; never under legal hold, never twice.</summary>
    public static Decision Dispose(RetentionFacts facts, RetentionFile? file, Actor actor, string reason, DateTimeOffset now, RetentionOptions o)
    {
        if (file?.Disposed is not null) return Decision.Conflict(NotPossibleNow, "The incident was already disposed of.");
        if (file?.Hold is { } hold) return Decision.Conflict(NotPossibleNow, $"The incident is under legal hold ({hold.Reason}); release the hold first.");
        if (PeriodOf(facts, o) is not { } period || DateOnly.FromDateTime(now.UtcDateTime) < period.RetainUntil)
            return Decision.Conflict(NotPossibleNow, "The incident's retention period has not ended; it cannot be disposed of yet.");
        return Decision.Nothing.AlsoOn(RetentionStream.For(facts.IncidentId),
            new IncidentDisposed(facts.IncidentId, period.RecordType, period.RetainUntil, actor.Id, actor.Name, now, reason));
    }
}
