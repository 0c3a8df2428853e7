using Marten;
using TrustSafety.Reporting.Rollups;
using static TrustSafety.Reporting.Rollups.RollupChanges;

namespace TrustSafety.Reporting.Incidents;

/// <summary>
/// Everything reporting knows of one incident, merged from its facts in whatever order they arrived: the report, the
/// latest triage (keeping the first triage time) and the latest closure or reopening. The incident list pages over these;
/// the counters are folded from them.
/// </summary>
public sealed class IncidentEntry
{
    public Guid Id { get; set; }
    public string SchoolUrn { get; set; } = "";
    public ReportedIncident? Report { get; set; }
    public TriagedIncident? Triage { get; set; }
    public IncidentStatusChange? Status { get; set; }

    // Copies of the row's fields the list filters and sorts on.
    public DateTimeOffset ReportedAt { get; set; }
    public bool Open { get; set; }
    public string Category { get; set; } = "";
    public bool AllegationAgainstStaff { get; set; }

    public IncidentRow? Row() => Report is null && Triage is null
        ? null
        : IncidentLedger.Build(Report is null ? [] : [Report], Triage is null ? [] : [Triage], Status is null ? [] : [Status]).Single();

    public void Take(ReportedIncident report) => Report = report;

    public void Take(TriagedIncident triage)
    {
        if (Triage is null) { Triage = triage; return; }
        var first = triage.FirstTriagedAt < Triage.FirstTriagedAt ? triage.FirstTriagedAt : Triage.FirstTriagedAt;
        Triage = triage.LastTriagedAt >= Triage.LastTriagedAt ? triage with { FirstTriagedAt = first } : Triage with { FirstTriagedAt = first };
    }

    public void Take(IncidentStatusChange change)
    {
        if (Status is null || change.At > Status.At || (change.At == Status.At && change.Closed && !Status.Closed)) Status = change;
    }

    private void Copy(IncidentRow? row)
    {
        if (row is null) return;
        (ReportedAt, Open, Category, AllegationAgainstStaff) = (row.ReportedAt, row.Open, row.Category, row.AllegationAgainstStaff);
    }

    public const string Reported = "incident";
    public const string OpenByDay = "incident.open";

    /// <summary>What one incident adds to the counters (<paramref name="sign"/> −1 takes it back out).</summary>
    public static void Contribute(RollupChanges r, IncidentRow row, int sign)
    {
        var month = MonthOf(row.ReportedAt);
        r.Month(row.SchoolUrn, month, reported: sign,
            triage: row.TriagedAt is { } t ? TriageHistogram.One((t - row.ReportedAt).TotalHours) : null, triageSign: sign);
        r.Count(row.SchoolUrn, Reported, month, Key(row.Category, row.FourC ?? "unknown",
            row.Severity?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Figures.SchoolFigures.Untriaged), sign);
        if (row.ClosedAt is { } closed) r.Month(row.SchoolUrn, MonthOf(closed), closed: sign);
        if (row.Open) r.Count(row.SchoolUrn, OpenByDay, DayOf(row.ReportedAt), "", sign);
    }

    /// <summary>Loads the incident's entry, applies <paramref name="change"/>, stages the entry and the counters' difference.</summary>
    public static async Task Apply(IDocumentSession session, string school, Guid id, Action<IncidentEntry> change, RollupChanges r, CancellationToken ct)
    {
        await LockEntity(session, school, $"incident:{id:N}", ct);
        var entry = await session.LoadAsync<IncidentEntry>(id, ct) ?? new IncidentEntry { Id = id, SchoolUrn = school };
        var before = entry.Row();
        change(entry);
        var after = entry.Row();
        entry.Copy(after);
        if (before is not null) Contribute(r, before, -1);
        if (after is not null) Contribute(r, after, +1);
        session.Store(entry);
    }

    /// <summary>For the rebuild: the entry's fields recomputed without touching counters.</summary>
    public IncidentEntry Refreshed()
    {
        Copy(Row());
        return this;
    }
}

/// <summary>A referral and, whenever it arrives, its outcome.</summary>
public sealed class ReferralEntry
{
    public Guid Id { get; set; }
    public string SchoolUrn { get; set; } = "";
    public ReferralRecord? Made { get; set; }
    public ReferralOutcomeRecord? Outcome { get; set; }

    public const string Referrals = "referral";
    public const string Outstanding = "referral.open";

    public static void Contribute(RollupChanges r, ReferralEntry e, int sign)
    {
        if (e.Made is not { } made) return;
        r.Count(e.SchoolUrn, Referrals, MonthOf(made.MadeOn), Key(made.Destination, e.Outcome is null ? "0" : "1"), sign);
        if (e.Outcome is null)
            r.Count(e.SchoolUrn, Outstanding, made.DueOn, Key(made.Destination, Periods.MonthRange.Key(MonthOf(made.MadeOn))), sign);
    }

    public static async Task Apply(IDocumentSession session, string school, Guid id, Action<ReferralEntry> change, RollupChanges r, CancellationToken ct)
    {
        await LockEntity(session, school, $"referral:{id:N}", ct);
        var entry = await session.LoadAsync<ReferralEntry>(id, ct) ?? new ReferralEntry { Id = id, SchoolUrn = school };
        Contribute(r, entry, -1);
        change(entry);
        Contribute(r, entry, +1);
        session.Store(entry);
    }
}
