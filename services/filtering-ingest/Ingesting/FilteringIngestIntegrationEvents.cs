using System.Security.Cryptography;
using JasperFx.Events;
using TrustSafety.Contracts;
using TrustSafety.Contracts.FilteringIngest;
using TrustSafety.EventSourcing.EventStore;

namespace TrustSafety.FilteringIngest.Ingesting;

/// <summary>
/// Committed batches → FilterEventsAccepted, merged per school across a page of the forwarder (one message can carry
/// the batches of hundreds of single-event requests); alerts → SafeguardingAlertRaised, one each, and an alert nobody
/// could attribute also → UnattributedAlertRaised for the trust.
/// </summary>
public sealed class FilteringIngestIntegrationEvents : IIntegrationEventMapper
{
    /// <summary>Keeps a merged message a few hundred KB at most (a summary is ~100 bytes of JSON).</summary>
    public const int MaxEventsPerMessage = 2_000;

    public IReadOnlyCollection<Type> ForwardedEventTypes { get; } = [typeof(FilterEventsIngested), typeof(FilterAlertRaised)];

    public IIntegrationEvent? Map(IEvent committed) => committed.Data switch
    {
        FilterEventsIngested batch => new FilterEventsAccepted(batch.SchoolUrn, batch.ReceivedAt, [Summarise(batch)]),
        FilterAlertRaised alert => new SafeguardingAlertRaised(
            alert.AlertId, alert.SchoolUrn, alert.RaisedAt, alert.Event.OccurredAt, alert.Vendor, alert.SourceId,
            alert.Event.Uksic, alert.Event.FourC, alert.Event.Severity, alert.Event.Action, alert.Event.Url, alert.Event.SearchTerm,
            alert.Event.RegisteredDeviceId, alert.Event.UserRef, alert.Event.Ip, alert.Event.VendorSeverity, alert.Event.EvidenceUri),
        _ => null,
    };

    public IEnumerable<OutgoingMessage> MapPage(IReadOnlyList<IEvent> page)
    {
        foreach (var committed in page)
        {
            if (committed.Data is not FilterAlertRaised raised || Map(committed) is not { } alert) continue;
            yield return new OutgoingMessage(alert, committed.Id, committed);
            if (raised.SchoolUrn == IngestTenants.Trust)
                // A second message from one event: its id must differ from the first yet be the same on every re-publish.
                yield return new OutgoingMessage(Unattributed(raised), MergedId([committed, committed]), committed);
        }

        foreach (var school in page.Where(e => e.Data is FilterEventsIngested).GroupBy(e => ((FilterEventsIngested)e.Data).SchoolUrn, StringComparer.Ordinal))
        {
            var chunk = new List<IEvent>();
            var events = 0;
            foreach (var committed in school)
            {
                var size = ((FilterEventsIngested)committed.Data).Events.Count;
                if (chunk.Count > 0 && events + size > MaxEventsPerMessage)
                {
                    yield return Merge(school.Key, chunk);
                    (chunk, events) = ([], 0);
                }
                chunk.Add(committed);
                events += size;
            }
            if (chunk.Count > 0) yield return Merge(school.Key, chunk);
        }
    }

    private static OutgoingMessage Merge(string school, List<IEvent> committed)
    {
        var batches = committed.Select(e => Summarise((FilterEventsIngested)e.Data)).ToList();
        var message = new FilterEventsAccepted(school, batches.Max(b => b.AcceptedAt), batches);
        return new OutgoingMessage(message, committed.Count == 1 ? committed[0].Id : MergedId(committed), committed[^1]);
    }

    /// <summary>An alert nobody could attribute, for the trust lead and the trust IT admin.</summary>
    public static UnattributedAlertRaised Unattributed(FilterAlertRaised alert) => new(
        alert.AlertId, alert.SchoolUrn, alert.RaisedAt, alert.Event.OccurredAt, alert.Vendor, alert.SourceId, alert.Event.Uksic,
        alert.Event.FourC, alert.Event.Severity, alert.Event.Action);

    private static AcceptedFilterBatch Summarise(FilterEventsIngested batch) => new(
        batch.BatchId, batch.SourceId, batch.Vendor, batch.ReceivedAt,
        batch.Events.Select(e => new FilterEventSummary(e.OccurredAt, e.Uksic, e.FourC, e.Severity, e.Action, e.DeviceRef, e.UserRef)).ToList());

    /// <summary>The same events merged again (a page re-published) give the same MessageId: an RFC 9562 version 8 UUID.</summary>
    internal static Guid MergedId(IReadOnlyList<IEvent> committed)
    {
        var ids = new byte[committed.Count * 16];
        for (var i = 0; i < committed.Count; i++) committed[i].Id.TryWriteBytes(ids.AsSpan(i * 16), bigEndian: true, out _);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(ids, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
