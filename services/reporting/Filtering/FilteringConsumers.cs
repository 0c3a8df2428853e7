using Marten;
using TrustSafety.Contracts.FilteringIngest;
using MassTransit;
using TrustSafety.Reporting.Consuming;
using TrustSafety.Reporting.Rollups;
using TrustSafety.EventSourcing.Messaging;
using TrustSafety.Platform;

namespace TrustSafety.Reporting.Filtering;

/// <summary>
/// The busiest message in the platform (every vendor's accepted batches, merged per school by ingest's forwarder): taken
/// in as MassTransit batches too, so a burst costs reporting one transaction per batch of messages (bench/RESULTS.md).
/// The queue keeps this class's name, so a deployment upgrades in place.
/// </summary>
public sealed class FilterEventsAcceptedConsumer(IDocumentStore store, TrustSchools trust, TimeProvider time)
    : IdempotentBatchConsumer<FilterEventsAccepted>(store, time)
{
    public const int MessageLimit = 100;
    public static readonly TimeSpan TimeLimit = TimeSpan.FromMilliseconds(50);

    protected override async Task Handle(IReadOnlyList<ConsumeContext<FilterEventsAccepted>> messages, IDocumentOperations school, CancellationToken ct)
    {
        var urn = messages[0].Message.SchoolUrn;
        var batches = messages.SelectMany(m => m.Message.Batches).DistinctBy(b => b.BatchId).ToList();
        var rollups = new RollupChanges();
        await Take(school, urn, batches, rollups, ct);
        var newest = messages.MaxBy(m => m.Message.OccurredAt)!;
        rollups.Received(urn, newest.Message.OccurredAt, Time.GetUtcNow());
        rollups.Stage(school);
    }

    /// <summary>
    /// Stores each batch not seen before and adds it to the rollups. However ingest grouped batches into messages (a
    /// page re-published after a crash may group them differently), a batch is counted once: one already stored is
    /// skipped, and two transactions storing the same batch at once collide on its id, the loser retrying.
    /// </summary>
    public static async Task Take(IDocumentOperations school, string urn, IReadOnlyList<AcceptedFilterBatch> batches, RollupChanges rollups,
        CancellationToken ct)
    {
        var ids = batches.Select(b => b.BatchId).ToArray();
        var seen = (await school.Query<FilterBatch>().Where(b => b.Id.IsOneOf(ids)).Select(b => b.Id).ToListAsync(ct)).ToHashSet();
        foreach (var batch in batches.Where(b => !seen.Contains(b.BatchId)))
        {
            var fact = FilterRollups.Fact(urn, batch);
            school.Insert(fact);
            FilterRollups.Accepted(rollups, fact, batch);
        }
    }

    /// <summary>
    /// As for every other fact (ReportingConsumer): a school this deployment does not know is not stored where no view
    /// shows it; the rest of the batch is committed and the batch then fails into the _error queue, visible, until the
    /// school is configured and the queue replayed (the markers make the replay skip the messages already taken in).
    /// </summary>
    protected override Exception? Refuse(FilterEventsAccepted message) =>
        ReportingConsumer<FilterEventsAccepted>.UnknownSchool(message, trust);
}

public sealed class SafeguardingAlertRaisedConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<SafeguardingAlertRaised>(store, time)
{
    protected override async Task Project(SafeguardingAlertRaised m, IDocumentSession session, RollupChanges rollups, CancellationToken ct)
    {
        await RollupChanges.LockEntity(session, m.SchoolUrn, $"alert:{m.AlertId:N}", ct);
        if (await session.LoadAsync<AlertRecord>(m.AlertId, ct) is not null) return;
        var alert = new AlertRecord
        {
            Id = m.AlertId, SchoolUrn = m.SchoolUrn, EventAt = m.EventAt, RaisedAt = m.OccurredAt, Vendor = m.Vendor, SourceId = m.SourceId,
            Category = m.Category, FourC = m.FourC, Severity = m.Severity, Action = m.Action, DeviceId = m.DeviceId, UserRef = m.UserRef,
        };
        session.Insert(alert);
        FilterRollups.Raised(rollups, alert);
    }
}
