using MassTransit;

namespace TrustSafety.Contracts.FilteringIngest;

/// <summary>
/// A filter or monitoring event serious enough for a DSL (severity ≥ 4, or an IWF / CTIRU category). The incident
/// service opens a concern for the school. DeviceId/UserRef are pseudonymous references, never names (UserRef is
/// <see cref="Reference.SignInAccountRef"/> of the signed-in account). VendorSeverity is the vendor's own word or number;
/// VendorLink the vendor's own record of the alert (its console or capture), when the vendor gives one.
/// </summary>
[MessageUrn("trustsafety:safeguarding-alert-raised:v1")]
[EntityName("trustsafety.safeguarding-alert-raised.v1")]
public sealed record SafeguardingAlertRaised(
    Guid AlertId, string SchoolUrn, DateTimeOffset OccurredAt, DateTimeOffset EventAt, string Vendor, Guid SourceId,
    string Category, string FourC, int Severity, string Action, string? Url, string? SearchTerm, Guid? DeviceId,
    string? UserRef, string? SourceIp, string? VendorSeverity = null, string? VendorLink = null) : IIntegrationEvent;

/// <summary>
/// A safeguarding alert (severity ≥ 4, or IWF / CTIRU) from a trust-wide source that no single school could be named for
/// (nobody holds its identities, two schools do, or device-register did not answer). SchoolUrn is always "trust": it is
/// for the trust safeguarding lead and the trust IT admin, who read the alert at filtering-ingest's
/// <c>/unattributed/alerts</c> and find the school. No URL, search term or user: messages to people carry no case detail.
/// Published besides SafeguardingAlertRaised (which reporting counts); MessageId is derived from the alert's event id.
/// </summary>
[MessageUrn("trustsafety:unattributed-alert-raised:v1")]
[EntityName("trustsafety.unattributed-alert-raised.v1")]
public sealed record UnattributedAlertRaised(
    Guid AlertId, string SchoolUrn, DateTimeOffset OccurredAt, DateTimeOffset EventAt, string Vendor, Guid SourceId,
    string Category, string FourC, int Severity, string Action) : IIntegrationEvent;

/// <summary>
/// Accepted filter events for reporting, for one school (or "trust" for events nobody could attribute): the accepted
/// batches that ingest committed close together, merged into one message (one message per request would cost the
/// platform more than the ingest itself: bench/RESULTS.md). Each batch keeps its id, so a consumer that stores per
/// batch counts every event once, however the batches were grouped into messages (v2; v1 carried one batch).
/// </summary>
[MessageUrn("trustsafety:filter-events-accepted:v2")]
[EntityName("trustsafety.filter-events-accepted.v2")]
public sealed record FilterEventsAccepted(string SchoolUrn, DateTimeOffset OccurredAt, IReadOnlyList<AcceptedFilterBatch> Batches)
    : IIntegrationEvent;

/// <summary>One accepted request's events for one school, summarised per event; <c>AcceptedAt</c> is its commit time.</summary>
public sealed record AcceptedFilterBatch(
    Guid BatchId, Guid SourceId, string Vendor, DateTimeOffset AcceptedAt, IReadOnlyList<FilterEventSummary> Events);

/// <summary>One accepted event, pseudonymised: DeviceRef/UserRef are stable hashes so patterns show without names.</summary>
public sealed record FilterEventSummary(
    DateTimeOffset At, string Category, string FourC, int Severity, string Action, string? DeviceRef, string? UserRef);
