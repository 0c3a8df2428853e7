using TrustSafety.Contracts.Reference;
using TrustSafety.Reporting.Coverage;
using TrustSafety.Reporting.Devices;
using TrustSafety.Reporting.Filtering;
using TrustSafety.Reporting.Incidents;
using TrustSafety.Reporting.Periods;

namespace TrustSafety.Reporting.Figures;

/// <summary>Everything reporting knows about one school, as loaded from its read models.</summary>
public sealed record SchoolFacts(
    School School, IReadOnlyList<IncidentRow> Incidents, IReadOnlyList<ReferralRecord> Referrals, IReadOnlyList<ReferralOutcomeRecord> Outcomes,
    IReadOnlyList<FilterBatch> Batches, IReadOnlyList<AlertRecord> Alerts, IReadOnlyList<ConsentChange> Consents,
    IReadOnlyList<AupChange> Aups, IReadOnlyList<DeviceChange> Devices, IReadOnlyList<AupVersionRecord> AupVersions);

public sealed record Tally(string Key, int Count);
public sealed record OpenIncidents(int Open, int UnderSevenDays, int SevenToThirtyDays, int OverThirtyDays, int? OldestDays);
public sealed record TriageTimes(int Triaged, int Untriaged, double? MedianHours, double? P90Hours);
public sealed record ReferralsByDestination(string Destination, int Made, int WithOutcome, int Overdue);
public sealed record WeekActivity(string Week, int FilterEvents, int Alerts);
public sealed record FilteringFigures(int Events, int Alerts, double EventsPer100Pupils, double AlertsPer100Pupils,
    IReadOnlyList<Tally> TopCategories, IReadOnlyList<Tally> AlertsByCategory, IReadOnlyList<Tally> ByFourC, IReadOnlyList<WeekActivity> ByWeek);
public sealed record RepeatSubject(string Kind, string Ref, int Weeks, int Events, IReadOnlyList<string> Categories);
/// <summary>
/// Pupils by where their latest answer for a type stands today: <c>Active</c> given and still valid, declined (or opted
/// out), withdrawn, expired (its period ended or a new wording replaced it); <c>Percent</c> is of <c>Active</c>.
/// </summary>
public sealed record ConsentCoverage(string ConsentType, int Active, int Declined, int Withdrawn, int Expired, int Pupils, double Percent,
    double DeclinedPercent);
/// <summary>
/// People by where they stand against the audience's current published version (<c>CurrentVersion</c>; null while
/// reporting knows of none, when any signature counts): <c>Signed</c> the current version, <c>OlderVersion</c> signed only
/// an older one (no longer current), <c>Lapsed</c> recorded as lapsed.
/// </summary>
public sealed record AupCoverage(string Audience, int? CurrentVersion, int Signed, int OlderVersion, int Lapsed, double? PercentOfPupils);
public sealed record DeviceFigures(int Active, int Assigned, int WithNetworkIdentity, int Retired, int InCustody, IReadOnlyList<Tally> CustodyByStep);

/// <summary>A school's figures for a period, exact (suppression is applied by the views that need it).</summary>
public sealed record SchoolFigures(
    string Urn, string Name, int Pupils, int Reported, int Closed, OpenIncidents Open, IReadOnlyList<Tally> ByFourC,
    IReadOnlyList<Tally> BySeverity, IReadOnlyList<Tally> ClosuresByMonth, TriageTimes Triage, IReadOnlyList<ReferralsByDestination> Referrals,
    int ReferralsOverdue, FilteringFigures Filtering, IReadOnlyList<RepeatSubject> RepeatSubjects, IReadOnlyList<ConsentCoverage> Consent,
    IReadOnlyList<AupCoverage> Aup, DeviceFigures Devices)
{
    public const string Untriaged = "untriaged";
    public static readonly string[] CustodyEnded = ["returned", "released", "returned-to-owner"];

    public static SchoolFigures Compute(SchoolFacts f, MonthRange range, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var reported = f.Incidents.Where(i => range.Contains(i.ReportedAt)).ToList();
        var open = f.Incidents.Where(i => i.Open).Select(i => (now - i.ReportedAt).TotalDays).ToList();
        var triageHours = reported.Where(i => i.TriagedAt is not null)
            .Select(i => Math.Max(0, (i.TriagedAt!.Value - i.ReportedAt).TotalHours)).Order().ToList();
        var closed = f.Incidents.Where(i => i.ClosedAt is { } c && range.Contains(c)).ToList();

        var outcomes = f.Outcomes.Select(o => o.Id).ToHashSet();
        var referralsInRange = f.Referrals.Where(r => r.MadeOn >= range.First && r.MadeOn < range.Last.AddMonths(1)).ToList();
        bool Overdue(ReferralRecord r) => r.DueOn < today && !outcomes.Contains(r.Id);

        var buckets = f.Batches.SelectMany(b => b.Buckets).Where(b => range.Contains(new DateTimeOffset(b.Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero))).ToList();
        var alerts = f.Alerts.Where(a => range.Contains(a.EventAt)).ToList();
        var events = buckets.Sum(b => b.Count);
        var weeks = buckets.GroupBy(b => FilterEventsAcceptedConsumer.Week(new DateTimeOffset(b.Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)))
            .ToDictionary(g => g.Key, g => g.Sum(b => b.Count));
        var alertWeeks = alerts.GroupBy(a => FilterEventsAcceptedConsumer.Week(a.EventAt)).ToDictionary(g => g.Key, g => g.Count());
        var weekKeys = range.Months.SelectMany(m => Enumerable.Range(0, DateTime.DaysInMonth(m.Year, m.Month))
                .Select(d => FilterEventsAcceptedConsumer.Week(new DateTimeOffset(m.AddDays(d).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero))))
            .Distinct().ToList();
        var firstWeek = weekKeys.FirstOrDefault() ?? "";
        var lastWeek = weekKeys.LastOrDefault() ?? "";

        var subjects = f.Batches.SelectMany(b => b.Subjects)
            .Where(s => string.CompareOrdinal(s.Week, firstWeek) >= 0 && string.CompareOrdinal(s.Week, lastWeek) <= 0)
            .GroupBy(s => (s.Kind, s.Ref))
            .Select(g => new RepeatSubject(g.Key.Kind, g.Key.Ref, g.Select(s => s.Week).Distinct().Count(), g.Sum(s => s.Count),
                g.SelectMany(s => s.Categories).Distinct().Order().ToList()))
            .Where(s => s.Weeks >= 2)
            .OrderByDescending(s => s.Weeks).ThenByDescending(s => s.Events).ToList();

        var latestConsent = f.Consents.GroupBy(c => (c.PupilId, c.ConsentType)).Select(g => g.OrderBy(c => c.At).Last()).ToList();
        var consent = latestConsent.GroupBy(c => c.ConsentType).OrderBy(g => g.Key).Select(g =>
        {
            var states = g.Select(c => ConsentStateOf(c, today)).ToList();
            int Count(string kind) => states.Count(s => s == kind);
            var active = Count(ConsentKinds.Given);
            var declined = Count(ConsentKinds.Declined);
            return new ConsentCoverage(g.Key, active, declined, Count(ConsentKinds.Withdrawn), Count(ConsentKinds.Expired), f.School.Pupils,
                Percent(active, f.School.Pupils), Percent(declined, f.School.Pupils));
        }).ToList();
        var aup = AupCoverageOf(f.Aups, f.AupVersions, f.School.Pupils);

        return new SchoolFigures(f.School.Urn, f.School.Name, f.School.Pupils, reported.Count, closed.Count,
            new OpenIncidents(open.Count, open.Count(d => d < 7), open.Count(d => d >= 7 && d <= 30), open.Count(d => d > 30),
                open.Count == 0 ? null : (int)Math.Floor(open.Max())),
            Tallies(reported.Select(i => i.FourC ?? "unknown")),
            Tallies(reported.Select(i => i.Severity?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Untriaged)),
            range.Months.Select(m => new Tally(MonthRange.Key(m), closed.Count(c => MonthRange.KeyOf(c.ClosedAt!.Value) == MonthRange.Key(m)))).ToList(),
            new TriageTimes(triageHours.Count, reported.Count - triageHours.Count, Percentile(triageHours, 0.5), Percentile(triageHours, 0.9)),
            referralsInRange.GroupBy(r => r.Destination).OrderBy(g => g.Key)
                .Select(g => new ReferralsByDestination(g.Key, g.Count(), g.Count(r => outcomes.Contains(r.Id)), g.Count(Overdue))).ToList(),
            f.Referrals.Count(Overdue),
            new FilteringFigures(events, alerts.Count, Per100(events, f.School.Pupils), Per100(alerts.Count, f.School.Pupils),
                buckets.GroupBy(b => b.Category).Select(g => new Tally(g.Key, g.Sum(b => b.Count)))
                    .OrderByDescending(t => t.Count).ThenBy(t => t.Key).Take(5).ToList(),
                Tallies(alerts.Select(a => a.Category)),
                buckets.GroupBy(b => b.FourC).Select(g => new Tally(g.Key, g.Sum(b => b.Count))).OrderBy(t => t.Key).ToList(),
                weekKeys.Select(w => new WeekActivity(w, weeks.GetValueOrDefault(w), alertWeeks.GetValueOrDefault(w))).ToList()),
            subjects, consent, aup, DeviceFiguresOf(f.Devices));
    }

    /// <summary>A "yes" whose period has ended is expired today even before consent's clock records the expiry.</summary>
    private static string ConsentStateOf(ConsentChange latest, DateOnly today) =>
        latest.Kind == ConsentKinds.Given && latest.ValidUntil is { } until && until < today ? ConsentKinds.Expired : latest.Kind;

    public static IReadOnlyList<AupCoverage> AupCoverageOf(IReadOnlyList<AupChange> changes, IReadOnlyList<AupVersionRecord> versions, int pupils)
    {
        var current = versions.GroupBy(v => v.Audience).ToDictionary(g => g.Key, g => g.Max(v => v.Version));
        var latest = changes.GroupBy(a => (a.PersonId, a.Audience)).Select(g => g.OrderBy(a => a.At).Last()).ToList();
        return latest.GroupBy(a => a.Audience).OrderBy(g => g.Key).Select(g =>
        {
            int? currentVersion = current.TryGetValue(g.Key, out var v) ? v : null;
            // A signature of a version later than the newest publication seen is of a publication still on its way: current.
            bool IsCurrent(AupChange a) => currentVersion is null || a.Version >= currentVersion;
            var signed = g.Count(a => a.Signed && IsCurrent(a));
            var older = g.Count(a => a.Signed && !IsCurrent(a));
            return new AupCoverage(g.Key, currentVersion, signed, older, g.Count(a => !a.Signed),
                g.Key == Contracts.Consent.AupAudiences.Pupil ? Percent(signed, pupils) : null);
        }).ToList();
    }

    private static DeviceFigures DeviceFiguresOf(IReadOnlyList<DeviceChange> changes)
    {
        var devices = changes.GroupBy(c => c.DeviceId).Select(g =>
        {
            var ordered = g.OrderBy(c => c.At).ToList();
            var retired = ordered.Any(c => c.Kind == DeviceChangeKinds.Retired);
            var lastAssignment = ordered.LastOrDefault(c => c.Kind is DeviceChangeKinds.Assigned or DeviceChangeKinds.Returned);
            var lastCustody = ordered.LastOrDefault(c => c.Kind == DeviceChangeKinds.Custody);
            var lastNetwork = ordered.LastOrDefault(c => c.Kind == DeviceChangeKinds.Network);
            var inCustody = lastCustody is not null && !CustodyEnded.Contains(lastCustody.CustodyStep);
            return (retired, assigned: !retired && lastAssignment?.Kind == DeviceChangeKinds.Assigned,
                network: !retired && lastNetwork?.NetworkIdentityCurrent == true, custody: inCustody ? lastCustody!.CustodyStep : null);
        }).ToList();
        return new DeviceFigures(devices.Count(d => !d.retired), devices.Count(d => d.assigned), devices.Count(d => d.network),
            devices.Count(d => d.retired), devices.Count(d => d.custody is not null),
            Tallies(devices.Where(d => d.custody is not null).Select(d => d.custody!)));
    }

    private static List<Tally> Tallies(IEnumerable<string> keys) =>
        keys.GroupBy(k => k).Select(g => new Tally(g.Key, g.Count())).OrderBy(t => t.Key, StringComparer.Ordinal).ToList();

    public static double? Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? null : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)], 1);

    private static double Per100(int count, int pupils) => pupils <= 0 ? 0 : Math.Round(count * 100.0 / pupils, 2);
    private static double Percent(int count, int pupils) => pupils <= 0 ? 0 : Math.Round(count * 100.0 / pupils, 1);
}
