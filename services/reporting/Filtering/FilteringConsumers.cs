using System.Globalization;
using Marten;
using TrustSafety.Contracts.FilteringIngest;
using MassTransit;
using TrustSafety.Reporting.Consuming;
using TrustSafety.Reporting.Trust;
using TrustSafety.ServiceDefaults.Messaging;

namespace TrustSafety.Reporting.Filtering;

/// <summary>
/// The busiest message in the platform (every vendor's accepted batches, merged per school by ingest's forwarder): taken
/// in as MassTransit batches too, so a burst costs reporting one transaction per batch of messages (bench/RESULTS.md).
/// The queue keeps this class's name, so a deployment upgrades in place.
/// </summary>
public sealed class FilterEventsAcceptedConsumer(IDocumentStore store, TrustOptions trust, TimeProvider time)
    : IdempotentBatchConsumer<FilterEventsAccepted>(store)
{
    public const int MessageLimit = 100;
    public static readonly TimeSpan TimeLimit = TimeSpan.FromMilliseconds(50);

    protected override Task Handle(IReadOnlyList<ConsumeContext<FilterEventsAccepted>> messages, IDocumentOperations school, CancellationToken ct)
    {
        var urn = messages[0].Message.SchoolUrn;
        // One document per accepted batch, keyed by its id: however ingest grouped batches into messages (a page
        // re-published after a crash may group them differently), each batch is stored, and counted, once.
        foreach (var batch in messages.SelectMany(m => m.Message.Batches)) school.Store(Summarise(urn, batch));
        var newest = messages.MaxBy(m => m.Message.OccurredAt)!;
        school.Store(ReportingConsumer<FilterEventsAccepted>.ReceiptFor(newest.MessageId!.Value, newest.Message, time));
        return Task.CompletedTask;
    }

    /// <summary>
    /// As for every other fact (ReportingConsumer): a school this deployment does not know is not stored where no view
    /// shows it; the rest of the batch is committed and the batch then fails into the _error queue, visible, until the
    /// school is configured and the queue replayed (the markers make the replay skip the messages already taken in).
    /// </summary>
    protected override Exception? Refuse(FilterEventsAccepted message) =>
        ReportingConsumer<FilterEventsAccepted>.UnknownSchool(message, trust);

    public static FilterBatch Summarise(string schoolUrn, AcceptedFilterBatch m) => new()
    {
        Id = m.BatchId, SchoolUrn = schoolUrn, SourceId = m.SourceId, Vendor = m.Vendor, AcceptedAt = m.AcceptedAt,
        Events = m.Events.Count,
        FirstEventAt = m.Events.Count == 0 ? null : m.Events.Min(e => e.At),
        LastEventAt = m.Events.Count == 0 ? null : m.Events.Max(e => e.At),
        Buckets = m.Events
            .GroupBy(e => (Day: DateOnly.FromDateTime(e.At.UtcDateTime), e.Category, e.FourC, e.Severity, e.Action))
            .Select(g => new FilterBucket(g.Key.Day, g.Key.Category, g.Key.FourC, g.Key.Severity, g.Key.Action, g.Count()))
            .ToList(),
        Subjects = m.Events
            .SelectMany(e => new[] { ("device", e.DeviceRef, e), ("user", e.UserRef, e) })
            .Where(x => !string.IsNullOrWhiteSpace(x.Item2))
            .GroupBy(x => (Week: Week(x.e.At), Kind: x.Item1, Ref: x.Item2!))
            .Select(g => new SubjectWeek(g.Key.Week, g.Key.Kind, g.Key.Ref, g.Count(), g.Select(x => x.e.Category).Distinct().Order().ToList()))
            .ToList(),
    };

    public static string Week(DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(at.UtcDateTime)}-W{ISOWeek.GetWeekOfYear(at.UtcDateTime):00}");
}

public sealed class SafeguardingAlertRaisedConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<SafeguardingAlertRaised>(store, time)
{
    protected override Task Project(SafeguardingAlertRaised m, Guid messageId, IDocumentSession session, CancellationToken ct)
    {
        session.Store(new AlertRecord
        {
            Id = m.AlertId, SchoolUrn = m.SchoolUrn, EventAt = m.EventAt, RaisedAt = m.OccurredAt, Vendor = m.Vendor, SourceId = m.SourceId,
            Category = m.Category, FourC = m.FourC, Severity = m.Severity, Action = m.Action, DeviceId = m.DeviceId, UserRef = m.UserRef,
        });
        return Task.CompletedTask;
    }
}
