using TrustSafety.Contracts.FilteringIngest;
using TrustSafety.Reporting.Consuming;
using TrustSafety.Reporting.Rollups;
using static TrustSafety.Reporting.Rollups.RollupChanges;

namespace TrustSafety.Reporting.Filtering;

/// <summary>What filter batches and alerts add to the rollups; the consumers and the rebuild both call these.</summary>
public static class FilterRollups
{
    public const string Filter = "filter";
    public const string FilterDay = "filter.day";
    public const string Alert = "alert";
    public const string AlertDay = "alert.day";
    public const string TrustCategory = "filter.category";

    public static FilterBatch Fact(string schoolUrn, AcceptedFilterBatch m) => new()
    {
        Id = m.BatchId, SchoolUrn = schoolUrn, SourceId = m.SourceId, Vendor = m.Vendor, AcceptedAt = m.AcceptedAt,
        Events = m.Events.Count,
        FirstEventAt = m.Events.Count == 0 ? null : m.Events.Min(e => e.At),
        LastEventAt = m.Events.Count == 0 ? null : m.Events.Max(e => e.At),
        Buckets = m.Events
            .GroupBy(e => (Day: DayOf(e.At), e.Category, e.FourC, e.Severity, e.Action))
            .Select(g => new FilterBucket(g.Key.Day, g.Key.Category, g.Key.FourC, g.Key.Severity, g.Key.Action, g.Count()))
            .ToList(),
    };

    /// <summary>A new batch: its counts, its source, and the weekly activity of each pseudonymous device and user in it.</summary>
    public static void Accepted(RollupChanges r, FilterBatch fact, AcceptedFilterBatch batch)
    {
        Counted(r, fact);
        foreach (var e in batch.Events)
        {
            if (!string.IsNullOrWhiteSpace(e.DeviceRef)) r.Subject(fact.SchoolUrn, WeekOf(e.At), "device", e.DeviceRef, 1, [e.Category]);
            if (!string.IsNullOrWhiteSpace(e.UserRef)) r.Subject(fact.SchoolUrn, WeekOf(e.At), "user", e.UserRef, 1, [e.Category]);
        }
    }

    /// <summary>The counts of a stored batch (by day, month, category, 4C, severity, action) and its source.</summary>
    public static void Counted(RollupChanges r, FilterBatch fact)
    {
        var school = fact.SchoolUrn;
        var trustWide = school != ReportingConsumer<FilterEventsAccepted>.TrustTenant;
        foreach (var b in fact.Buckets)
        {
            var month = MonthOf(b.Day);
            r.Count(school, Filter, month, Key(b.Category, b.FourC, b.Severity.ToString(System.Globalization.CultureInfo.InvariantCulture), b.Action), b.Count);
            r.Count(school, FilterDay, b.Day, "", b.Count);
            r.Month(school, month, filterEvents: b.Count);
            if (trustWide) r.Count(RollupSchema.TrustWide, TrustCategory, month, b.Category, b.Count);
        }
        r.Source(school, fact.SourceId, fact.Vendor, fact.Events, fact.AcceptedAt, fact.LastEventAt);
    }

    /// <summary>Subjects of a batch stored before subject facts had their own table.</summary>
    public static void LegacySubjects(RollupChanges r, FilterBatch fact)
    {
        foreach (var s in fact.Subjects)
        {
            var parts = s.Week.Split("-W");
            if (parts.Length == 2 && int.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var year) && int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var week))
                r.Subject(fact.SchoolUrn, year * 100 + week, s.Kind, s.Ref, s.Count, s.Categories);
        }
    }

    public static void Raised(RollupChanges r, AlertRecord a)
    {
        r.Count(a.SchoolUrn, Alert, MonthOf(a.EventAt), Key(a.Category, a.Severity.ToString(System.Globalization.CultureInfo.InvariantCulture)), 1);
        r.Count(a.SchoolUrn, AlertDay, DayOf(a.EventAt), "", 1);
        r.Month(a.SchoolUrn, MonthOf(a.EventAt), alerts: 1);
    }
}
