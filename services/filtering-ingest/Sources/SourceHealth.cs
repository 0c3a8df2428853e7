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
}

public sealed class SourceHealthProjection : MultiStreamProjection<SourceHealth, Guid>
{
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
    }
}
