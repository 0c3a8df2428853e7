using JasperFx.Events;
using TrustSafety.Contracts;
using TrustSafety.Contracts.FilteringIngest;
using TrustSafety.ServiceDefaults.EventStore;

namespace TrustSafety.FilteringIngest.Ingesting;

/// <summary>Committed batches → FilterEventsAccepted (one per batch and tenant); alerts → SafeguardingAlertRaised.</summary>
public sealed class FilteringIngestIntegrationEvents : IIntegrationEventMapper
{
    public IReadOnlyCollection<Type> ForwardedEventTypes { get; } = [typeof(FilterEventsIngested), typeof(FilterAlertRaised)];

    public IIntegrationEvent? Map(IEvent committed) => committed.Data switch
    {
        FilterEventsIngested batch => new FilterEventsAccepted(
            batch.BatchId, batch.SchoolUrn, batch.ReceivedAt, batch.SourceId, batch.Vendor,
            batch.Events.Select(e => new FilterEventSummary(e.OccurredAt, e.Uksic, e.FourC, e.Severity, e.Action, e.DeviceRef, e.UserRef)).ToList()),
        FilterAlertRaised alert => new SafeguardingAlertRaised(
            alert.AlertId, alert.SchoolUrn, alert.RaisedAt, alert.Event.OccurredAt, alert.Vendor, alert.SourceId,
            alert.Event.Uksic, alert.Event.FourC, alert.Event.Severity, alert.Event.Action, alert.Event.Url, alert.Event.SearchTerm,
            alert.Event.RegisteredDeviceId, alert.Event.UserRef, alert.Event.Ip),
        _ => null,
    };
}
