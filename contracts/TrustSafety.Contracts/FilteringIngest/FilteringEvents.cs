using MassTransit;

namespace TrustSafety.Contracts.FilteringIngest;

/// <summary>
/// A filter or monitoring event serious enough for a DSL (severity ≥ 4, or an IWF / CTIRU category). The incident
/// service opens a concern for the school. DeviceId/UserRef are pseudonymous references, never names.
/// </summary>
[MessageUrn("trustsafety:safeguarding-alert-raised:v1")]
[EntityName("trustsafety.safeguarding-alert-raised.v1")]
public sealed record SafeguardingAlertRaised(
    Guid AlertId, string SchoolUrn, DateTimeOffset OccurredAt, DateTimeOffset EventAt, string Vendor, Guid SourceId,
    string Category, string FourC, int Severity, string Action, string? Url, string? SearchTerm, Guid? DeviceId,
    string? UserRef, string? SourceIp) : IIntegrationEvent;

/// <summary>A batch of accepted filter events for reporting, summarised per (category, 4C, severity, action).</summary>
[MessageUrn("trustsafety:filter-events-accepted:v1")]
[EntityName("trustsafety.filter-events-accepted.v1")]
public sealed record FilterEventsAccepted(
    Guid BatchId, string SchoolUrn, DateTimeOffset OccurredAt, Guid SourceId, string Vendor,
    IReadOnlyList<FilterEventSummary> Events) : IIntegrationEvent;

/// <summary>One accepted event, pseudonymised: DeviceRef/UserRef are stable hashes so patterns show without names.</summary>
public sealed record FilterEventSummary(
    DateTimeOffset At, string Category, string FourC, int Severity, string Action, string? DeviceRef, string? UserRef);
