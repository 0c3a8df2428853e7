using TrustSafety.FilteringIngest.Canonical;

namespace TrustSafety.FilteringIngest.Ingesting;

/// <summary>
/// One accepted batch for one tenant (a school, or "trust" for trust-wide events nobody could attribute), on a stream
/// of its own: no hot stream row between concurrent requests. Normalised events only — never the raw payload.
/// </summary>
public sealed record FilterEventsIngested(
    Guid BatchId, Guid SourceId, string Vendor, string SchoolUrn, DateTimeOffset ReceivedAt, string Channel,
    string CrosswalkVersion, IReadOnlyList<FilterEvent> Events);

/// <summary>An accepted event serious enough for the school's DSL (severity ≥ 4, or IWF / CTIRU).</summary>
public sealed record FilterAlertRaised(Guid AlertId, Guid SourceId, string Vendor, string SchoolUrn, DateTimeOffset RaisedAt, FilterEvent Event);

/// <summary>
/// What happened to one request or syslog flush, recorded in the source's home tenant for its health view.
/// <paramref name="UnknownCategoryCounts"/> (absent on batches stored before it existed) names each vendor category the
/// crosswalk did not know, under the vendor whose crosswalk should map it.
/// </summary>
public sealed record SourceBatchRecorded(
    Guid SourceId, DateTimeOffset ReceivedAt, string Channel, int Accepted, int Duplicates, int Rejected, int UnknownCategories,
    DateTimeOffset? LastEventAt, IReadOnlyList<UnknownCategoryCount>? UnknownCategoryCounts = null);

/// <summary>A vendor category the crosswalk did not know, how often a batch (or a source, summed) saw it.</summary>
public sealed record UnknownCategoryCount(string Vendor, string? CategoryId, string? Label, long Count);

/// <summary>A rejected record kept for a while (raw excerpt + reason) for the IT admin; a document, so it can be purged.</summary>
public sealed class RejectedRecord
{
    public Guid Id { get; set; }
    public Guid SourceId { get; set; }
    public DateTimeOffset At { get; set; }
    public string Channel { get; set; } = "";
    public int Record { get; set; }
    public string Field { get; set; } = "";
    public string Reason { get; set; } = "";
    public string? Raw { get; set; }
}

/// <summary>The answer given to a webhook-id, so a replay is acknowledged with the same counts and stored once.</summary>
public sealed class WebhookReceipt
{
    public string Id { get; set; } = "";
    public Guid SourceId { get; set; }
    public DateTimeOffset At { get; set; }
    public int Accepted { get; set; }
    public int Duplicates { get; set; }
    public int Rejected { get; set; }
    public List<RecordError> Rejections { get; set; } = [];

    public static string IdFor(Guid sourceId, string webhookId) => $"{sourceId:N}:{webhookId}";
}

public sealed record IngestOutcome(int Accepted, int Duplicates, int Rejected, IReadOnlyList<RecordError> Rejections, bool Replayed);
