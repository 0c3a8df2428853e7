namespace TrustSafety.Reporting.Freshness;

/// <summary>How fresh a view is: the newest event time taken in, when, and how far behind the events reporting ran.</summary>
public sealed record Freshness(DateTimeOffset? AsOf, DateTimeOffset? LastProcessedAt, double? LagSeconds, DateTimeOffset GeneratedAt);
