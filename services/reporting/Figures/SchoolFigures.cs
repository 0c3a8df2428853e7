using TrustSafety.Platform;
using TrustSafety.Contracts.Reference;
using TrustSafety.Reporting.Coverage;
using TrustSafety.Reporting.Devices;
using TrustSafety.Reporting.Filtering;
using TrustSafety.Reporting.Incidents;
using TrustSafety.Reporting.Periods;
using TrustSafety.Reporting.ReadModels;
using TrustSafety.Reporting.Rollups;

namespace TrustSafety.Reporting.Figures;

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
    IReadOnlyList<AupCoverage> Aup, DeviceFigures Devices, int RepeatSubjectCount)
{
    public const string Untriaged = "untriaged";

    /// <summary>
    /// A school's figures from its rollups: <paramref name="months"/> (rpt_school_month in the range, or one row of the
    /// range's totals for views across schools, which show no month-by-month closures), the snapshot
    /// counters (open incidents, outstanding referrals, consent, AUP, devices), referrals made in the range, and when
    /// <paramref name="detail"/> is given the range's breakdowns by category, 4C, severity and day.
    /// </summary>
    public static SchoolFigures From(School school, MonthRange range, DateTimeOffset now, IReadOnlyList<MonthRow> months,
        IReadOnlyList<CountRow> snapshot, IReadOnlyList<CountRow> referrals, IReadOnlyList<CountRow>? detail, RepeatPatterns.Snapshot repeats)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        IEnumerable<CountRow> Of(IEnumerable<CountRow> rows, string metric) => rows.Where(r => r.Metric == metric);
        var reported = months.Sum(m => m.Reported);
        var closed = months.Sum(m => m.Closed);
        var triage = TriageHistogram.Empty();
        foreach (var m in months) TriageHistogram.Add(triage, m.Triage);
        var triaged = TriageHistogram.Count(triage);
        var events = (int)Math.Min(int.MaxValue, months.Sum(m => m.FilterEvents));
        var alerts = months.Sum(m => m.Alerts);

        var open = Of(snapshot, IncidentEntry.OpenByDay)
            .SelectMany(r => Enumerable.Repeat((now - new DateTimeOffset(r.Period, TimeSpan.Zero)).TotalDays, (int)r.N)).ToList();
        var outstanding = Of(snapshot, ReferralEntry.Outstanding).Where(r => r.Day < today).ToList();
        var monthKeys = range.Months.Select(MonthRange.Key).ToHashSet(StringComparer.Ordinal);
        var overdueInRange = outstanding.Where(r => monthKeys.Contains(r.Part(1))).GroupBy(r => r.Part(0), StringComparer.Ordinal).ToDictionary(g => g.Key, g => (int)g.Sum(r => r.N), StringComparer.Ordinal);

        var d = detail ?? [];
        var incidents = Of(d, IncidentEntry.Reported).ToList();
        var filter = Of(d, FilterRollups.Filter).ToList();
        var weekKeys = range.Months.SelectMany(m => Enumerable.Range(0, DateTime.DaysInMonth(m.Year, m.Month)).Select(i => RollupChanges.WeekOf(m.AddDays(i))))
            .Distinct().ToList();
        var filterWeeks = Of(d, FilterRollups.FilterDay).GroupBy(r => RollupChanges.WeekOf(r.Day)).ToDictionary(g => g.Key, g => (int)g.Sum(r => r.N));
        var alertWeeks = Of(d, FilterRollups.AlertDay).GroupBy(r => RollupChanges.WeekOf(r.Day)).ToDictionary(g => g.Key, g => (int)g.Sum(r => r.N));

        return new SchoolFigures(school.Urn, school.Name, school.Pupils, reported, closed,
            new OpenIncidents(open.Count, open.Count(x => x < 7), open.Count(x => x >= 7 && x <= 30), open.Count(x => x > 30),
                open.Count == 0 ? null : (int)Math.Floor(open.Max())),
            Sum(incidents, r => r.Part(1)).OrderBy(t => t.Key, StringComparer.Ordinal).ToList(),
            Sum(incidents, r => r.Part(2)).OrderBy(t => t.Key, StringComparer.Ordinal).ToList(),
            detail is null ? [] : range.Months.Select(m => new Tally(MonthRange.Key(m), months.Where(r => DateOnly.FromDateTime(r.Month) == m).Sum(r => r.Closed))).ToList(),
            new TriageTimes(triaged, reported - triaged, TriageHistogram.Percentile(triage, 0.5), TriageHistogram.Percentile(triage, 0.9)),
            referrals.Where(r => r.Metric == ReferralEntry.Referrals).GroupBy(r => r.Part(0), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new ReferralsByDestination(g.Key, (int)g.Sum(r => r.N), (int)g.Where(r => r.Part(1) == "1").Sum(r => r.N),
                    overdueInRange.GetValueOrDefault(g.Key))).ToList(),
            (int)outstanding.Sum(r => r.N),
            new FilteringFigures(events, alerts, Per100(events, school.Pupils), Per100(alerts, school.Pupils),
                Sum(filter, r => r.Part(0)).OrderByDescending(t => t.Count).ThenBy(t => t.Key, StringComparer.Ordinal).Take(5).ToList(),
                Sum(Of(d, FilterRollups.Alert), r => r.Part(0)).OrderBy(t => t.Key, StringComparer.Ordinal).ToList(),
                Sum(filter, r => r.Part(1)).OrderBy(t => t.Key, StringComparer.Ordinal).ToList(),
                detail is null ? [] : weekKeys.Select(w => new WeekActivity(RollupChanges.WeekKey(w), filterWeeks.GetValueOrDefault(w), alertWeeks.GetValueOrDefault(w))).ToList()),
            repeats.TopSubjects, ConsentOf(Of(snapshot, ConsentState.Metric), school.Pupils, today),
            AupCoverageFrom(Of(snapshot, AupState.Metric).Select(r => (r.Part(0), r.Part(1) == "signed", ParseVersion(r.Part(2)), (int)r.N)),
                Of(snapshot, AupState.Versions).Select(r => (r.Part(0), ParseVersion(r.Part(1)) ?? 0)), school.Pupils),
            DevicesOf(Of(snapshot, DeviceState.Metric)), repeats.Subjects);
    }

    private static IEnumerable<Tally> Sum(IEnumerable<CountRow> rows, Func<CountRow, string> key) =>
        rows.GroupBy(key, StringComparer.Ordinal).Select(g => new Tally(g.Key, (int)g.Sum(r => r.N)));

    private static int? ParseVersion(string s) => int.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>A "yes" counted under an expiry date before today is expired today, even before consent's clock records the expiry.</summary>
    private static IReadOnlyList<ConsentCoverage> ConsentOf(IEnumerable<CountRow> rows, int pupils, DateOnly today) =>
        rows.GroupBy(r => r.Part(0), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            int Count(string kind) => (int)g.Where(r => Kind(r) == kind).Sum(r => r.N);
            string Kind(CountRow r) => r.Part(1) == ConsentKinds.Given && r.Day < today ? ConsentKinds.Expired : r.Part(1);
            var active = Count(ConsentKinds.Given);
            var declined = Count(ConsentKinds.Declined);
            return new ConsentCoverage(g.Key, active, declined, Count(ConsentKinds.Withdrawn), Count(ConsentKinds.Expired), pupils,
                Percent(active, pupils), Percent(declined, pupils));
        }).ToList();

    public static DeviceFigures DevicesOf(IEnumerable<CountRow> rows)
    {
        var devices = rows.Select(r => (Retired: r.Part(0) == "1", Assigned: r.Part(1) == "1", Network: r.Part(2) == "1", Custody: r.Part(3), N: (int)r.N)).ToList();
        return new DeviceFigures(devices.Where(x => !x.Retired).Sum(x => x.N), devices.Where(x => x.Assigned).Sum(x => x.N),
            devices.Where(x => x.Network).Sum(x => x.N), devices.Where(x => x.Retired).Sum(x => x.N),
            devices.Where(x => x.Custody != "").Sum(x => x.N),
            devices.Where(x => x.Custody != "").GroupBy(x => x.Custody, StringComparer.Ordinal).Select(g => new Tally(g.Key, g.Sum(x => x.N)))
                .OrderBy(t => t.Key, StringComparer.Ordinal).ToList());
    }

    public static IReadOnlyList<AupCoverage> AupCoverageOf(IReadOnlyList<AupChange> changes, IReadOnlyList<AupVersionRecord> versions, int pupils) =>
        AupCoverageFrom(
            changes.GroupBy(a => (a.PersonId, a.Audience)).Select(g => g.OrderBy(a => a.At).Last()).Select(a => (a.Audience, a.Signed, a.Version, 1)),
            versions.Select(v => (v.Audience, v.Version)), pupils);

    /// <summary>People by their latest signature or lapse (audience, signed, version, how many), against each audience's newest version.</summary>
    public static IReadOnlyList<AupCoverage> AupCoverageFrom(IEnumerable<(string Audience, bool Signed, int? Version, int Count)> latest,
        IEnumerable<(string Audience, int Version)> versions, int pupils)
    {
        var current = versions.GroupBy(v => v.Audience, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(v => v.Version), StringComparer.Ordinal);
        return latest.GroupBy(a => a.Audience, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            int? currentVersion = current.TryGetValue(g.Key, out var v) ? v : null;
            // A signature of a version later than the newest publication seen is of a publication still on its way: current.
            bool IsCurrent((string, bool, int? Version, int) a) => currentVersion is null || a.Version >= currentVersion;
            var signed = g.Where(a => a.Signed && IsCurrent(a)).Sum(a => a.Count);
            var older = g.Where(a => a.Signed && !IsCurrent(a)).Sum(a => a.Count);
            return new AupCoverage(g.Key, currentVersion, signed, older, g.Where(a => !a.Signed).Sum(a => a.Count),
                g.Key == Contracts.Consent.AupAudiences.Pupil ? Percent(signed, pupils) : null);
        }).ToList();
    }

    private static List<Tally> Tallies(IEnumerable<string> keys) =>
        keys.GroupBy(k => k, StringComparer.Ordinal).Select(g => new Tally(g.Key, g.Count())).OrderBy(t => t.Key, StringComparer.Ordinal).ToList();

    public static double? Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? null : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)], 1);

    private static double Per100(int count, int pupils) => pupils <= 0 ? 0 : Math.Round(count * 100.0 / pupils, 2);
    private static double Percent(int count, int pupils) => pupils <= 0 ? 0 : Math.Round(count * 100.0 / pupils, 1);
}
