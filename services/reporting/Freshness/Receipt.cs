namespace TrustSafety.Reporting.Freshness;

/// <summary>One integration event the read models have taken in: when it happened and when reporting saw it.</summary>
public sealed class Receipt
{
    public Guid Id { get; set; }
    public string SchoolUrn { get; set; } = "";
    public string Message { get; set; } = "";
    public DateTimeOffset OccurredAt { get; set; }
    public DateTimeOffset ProcessedAt { get; set; }
}

/// <summary>How fresh a view is: the newest event time taken in, when, and how far behind the events reporting ran.</summary>
public sealed record Freshness(DateTimeOffset? AsOf, DateTimeOffset? LastProcessedAt, double? LagSeconds, DateTimeOffset GeneratedAt);
