using Marten.Events.Projections;
using TrustSafety.FilteringIngest.Ingesting;

namespace TrustSafety.FilteringIngest.Sources;

/// <summary>Counters per source, folded asynchronously from SourceBatchRecorded (no hot row on the ingest path).</summary>
public sealed class SourceHealth
{
    public Guid Id { get; set; }
    public long Accepted { get; set; }
    public long Duplicates { get; set; }
    public long Rejected { get; set; }
    public long UnknownCategories { get; set; }
    public long Batches { get; set; }
    public DateTimeOffset? LastReceivedAt { get; set; }
    public DateTimeOffset? LastEventAt { get; set; }
    /// <summary>Which categories were unknown, most seen first; at most <see cref="SourceHealthProjection.MaxUnknownCategories"/>.</summary>
    public List<UnknownCategoryCount> UnknownCategoryCounts { get; set; } = [];
}

public sealed class SourceHealthProjection : MultiStreamProjection<SourceHealth, Guid>
{
    public const int MaxUnknownCategories = 100;

    public SourceHealthProjection() => Identity<SourceBatchRecorded>(e => e.SourceId);

    public void Apply(SourceBatchRecorded e, SourceHealth health)
    {
        health.Id = e.SourceId;
        health.Accepted += e.Accepted;
        health.Duplicates += e.Duplicates;
        health.Rejected += e.Rejected;
        health.UnknownCategories += e.UnknownCategories;
        health.Batches++;
        if (health.LastReceivedAt is null || e.ReceivedAt > health.LastReceivedAt) health.LastReceivedAt = e.ReceivedAt;
        if (e.LastEventAt is { } last && (health.LastEventAt is null || last > health.LastEventAt)) health.LastEventAt = last;
        if (e.UnknownCategoryCounts is { Count: > 0 } seen) health.UnknownCategoryCounts = Merge(health.UnknownCategoryCounts, seen);
    }

    /// <summary>Sums counts per (vendor, id, label); keeps the most seen, so a flood of one-off labels cannot grow the document.</summary>
    public static List<UnknownCategoryCount> Merge(IEnumerable<UnknownCategoryCount> known, IEnumerable<UnknownCategoryCount> seen) =>
        known.Concat(seen)
            .GroupBy(u => (u.Vendor, u.CategoryId, u.Label))
            .Select(g => new UnknownCategoryCount(g.Key.Vendor, g.Key.CategoryId, g.Key.Label, g.Sum(u => u.Count)))
            .OrderByDescending(u => u.Count).ThenBy(u => u.Vendor, StringComparer.Ordinal).ThenBy(u => u.CategoryId, StringComparer.Ordinal).ThenBy(u => u.Label, StringComparer.Ordinal)
            .Take(MaxUnknownCategories)
            .ToList();
}
