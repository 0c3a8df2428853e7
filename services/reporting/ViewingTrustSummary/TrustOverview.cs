using System.Security.Cryptography;
using System.Text;
using TrustSafety.Reporting.Figures;
using TrustSafety.Reporting.Suppression;

namespace TrustSafety.Reporting.ViewingTrustSummary;

public sealed record SchoolOverview(
    string Urn, string Name, int Pupils, Count Reported, Count Open, Count Closed, Count ReferralsOverdue, Count FilterEvents, Count Alerts,
    double? FilterEventsPer100Pupils, double? AlertsPer100Pupils, double? TriageMedianHours, double? TriageP90Hours,
    IReadOnlyList<CoveragePercent> Consent, double? PupilAupPercent, Count DevicesActive, Count DevicesInCustody, Count RepeatSubjects);
/// <summary>A percentage of pupils; null where the count behind it is small enough to identify pupils.</summary>
public sealed record CoveragePercent(string Key, double? Percent, double? DeclinedPercent = null);
public sealed record CountOf(string Key, Count Count);
public sealed record PseudonymousPattern(string Subject, string SchoolUrn, string Kind, int Weeks, int Events, IReadOnlyList<string> Categories);
public sealed record OverviewTotals(Count Reported, Count Open, Count Closed, Count ReferralsOverdue, Count FilterEvents, Count Alerts,
    Count DevicesActive, Count DevicesInCustody, Count RepeatSubjects);

/// <summary>Every school side by side, with small numbers suppressed and repeat patterns pseudonymised.</summary>
public sealed record TrustOverview(IReadOnlyList<SchoolOverview> Schools, OverviewTotals Totals, IReadOnlyList<CountOf> TopFilterCategories,
    IReadOnlyList<PseudonymousPattern> RepeatPatterns)
{
    /// <summary>Triage times are shown only over at least this many incidents.</summary>
    public const int MinimumForTimes = 5;

    public static TrustOverview Build(IReadOnlyList<SchoolFigures> schools, IReadOnlyList<Tally> trustCategories, SuppressionPolicy policy, byte[] pseudonymKey)
    {
        (IReadOnlyDictionary<string, Count> BySchool, Count Total) Across(Func<SchoolFigures, int> metric)
        {
            var values = schools.ToDictionary(s => s.Urn, metric, StringComparer.Ordinal);
            values["__total"] = schools.Sum(metric);
            // A second number to withhold is another school's (the next smallest), never the trust total: the trust
            // lead's headline figures stay readable (README "Small numbers").
            var shown = SmallNumberSuppression.Apply(values, [new SumGroup("__total", schools.Select(s => s.Urn).ToList())], policy);
            return (shown, shown["__total"]);
        }

        var reported = Across(s => s.Reported);
        var open = Across(s => s.Open.Open);
        var closed = Across(s => s.Closed);
        var overdue = Across(s => s.ReferralsOverdue);
        var events = Across(s => s.Filtering.Events);
        var alerts = Across(s => s.Filtering.Alerts);
        var devices = Across(s => s.Devices.Active);
        var custody = Across(s => s.Devices.InCustody);
        var repeats = Across(s => s.RepeatSubjectCount);

        double? Rate(Count count, double rate) => count.Value is null ? null : rate;
        double? Percent(int count, double percent) => count is > 0 and < 5 ? null : percent;

        var rows = schools.Select(s => new SchoolOverview(s.Urn, s.Name, s.Pupils,
            reported.BySchool[s.Urn], open.BySchool[s.Urn], closed.BySchool[s.Urn], overdue.BySchool[s.Urn], events.BySchool[s.Urn],
            alerts.BySchool[s.Urn], Rate(events.BySchool[s.Urn], s.Filtering.EventsPer100Pupils), Rate(alerts.BySchool[s.Urn], s.Filtering.AlertsPer100Pupils),
            s.Triage.Triaged >= MinimumForTimes ? s.Triage.MedianHours : null, s.Triage.Triaged >= MinimumForTimes ? s.Triage.P90Hours : null,
            s.Consent.Select(c => new CoveragePercent(c.ConsentType, Percent(c.Active, c.Percent), Percent(c.Declined, c.DeclinedPercent))).ToList(),
            s.Aup.Where(a => a.PercentOfPupils is not null).Select(a => Percent(a.Signed, a.PercentOfPupils!.Value)).FirstOrDefault(),
            devices.BySchool[s.Urn], custody.BySchool[s.Urn], repeats.BySchool[s.Urn])).ToList();

        var categories = trustCategories.Select(t => (t.Key, t.Count)).OrderByDescending(x => x.Count).ThenBy(x => x.Key, StringComparer.Ordinal).Take(10)
            .Select(x => new CountOf(x.Key, x.Count is > 0 and < 5 ? new Count(null, policy.PrimaryMark, Suppressed.Primary) : Count.Shown(x.Count)))
            .ToList();

        // Pseudonyms (a keyed hash each) only for the fifty shown.
        var patterns = schools.SelectMany(s => s.RepeatSubjects.Select(r => (School: s.Urn, Subject: r)))
            .OrderByDescending(p => p.Subject.Weeks).ThenByDescending(p => p.Subject.Events).Take(50)
            .Select(p => new PseudonymousPattern(Pseudonym(pseudonymKey, p.School, p.Subject.Kind, p.Subject.Ref), p.School, p.Subject.Kind,
                p.Subject.Weeks, p.Subject.Events, p.Subject.Categories))
            .ToList();

        return new TrustOverview(rows,
            new OverviewTotals(reported.Total, open.Total, closed.Total, overdue.Total, events.Total, alerts.Total, devices.Total, custody.Total, repeats.Total),
            categories, patterns);
    }

    /// <summary>A stable keyed hash: the same device or user keeps one pseudonym at trust level, and it cannot be reversed without the key.</summary>
    public static string Pseudonym(byte[] key, string school, string kind, string reference) =>
        "S-" + Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{school}|{kind}|{reference}")))[..10].ToLowerInvariant();
}
