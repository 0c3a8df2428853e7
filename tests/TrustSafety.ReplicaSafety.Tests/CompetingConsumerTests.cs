using TrustSafety.Contracts.FilteringIngest;
using TrustSafety.Testing;
using Xunit.Abstractions;

namespace TrustSafety.ReplicaSafety.Tests;

/// <summary>Both replicas consume the same queue; each message's effect happens once, duplicates included.</summary>
public sealed class CompetingConsumerTests(TwoIncidentReplicas replicas, ITestOutputHelper output)
    : CompetingConsumers<TwoIncidentReplicas>(replicas, output), IClassFixture<TwoIncidentReplicas>;

/// <summary>The same with quorum queues, as production runs them.</summary>
public sealed class CompetingConsumerOnQuorumQueuesTests(TwoIncidentReplicasOnQuorumQueues replicas, ITestOutputHelper output)
    : CompetingConsumers<TwoIncidentReplicasOnQuorumQueues>(replicas, output), IClassFixture<TwoIncidentReplicasOnQuorumQueues>
{
    [Fact]
    public async Task the_replicas_consume_from_quorum_queues()
    {
        var types = await Replicas.QueueTypesAsync();
        var alertQueue = types.Keys.SingleOrDefault(q => q.EndsWith("open-concern-from-filter-alert", StringComparison.Ordinal));
        alertQueue.ShouldNotBeNull($"no filter-alert queue among: {string.Join(", ", types.Keys)}");
        types[alertQueue].ShouldBe("quorum", $"{alertQueue} is {types[alertQueue]}");
        types.Where(t => !t.Key.EndsWith("_error", StringComparison.Ordinal) && !t.Key.EndsWith("_skipped", StringComparison.Ordinal)
                && !t.Key.Contains("replica-safety-observer", StringComparison.Ordinal))
            .ShouldAllBe(t => t.Value == "quorum");
    }
}

public abstract class CompetingConsumers<TReplicas>(TReplicas replicas, ITestOutputHelper output) where TReplicas : TwoIncidentReplicas
{
    protected TReplicas Replicas => replicas;

    private const int Distinct = 24;
    private const int Redelivered = 8;

    [Fact]
    public async Task two_replicas_share_the_alert_queue_and_open_exactly_one_concern_per_alert_despite_duplicates()
    {
        var alerts = Enumerable.Range(0, Distinct).Select(_ => Alert()).ToList();
        var deliveries = alerts.Select(a => (Alert: a, MessageId: Guid.CreateVersion7()))
            .ToList();
        // At-least-once delivery: the same message (same MessageId) arrives again, possibly at the other replica.
        deliveries.AddRange(deliveries.Take(Redelivered).ToList());

        await Task.WhenAll(deliveries.Select(d => replicas.Publish(d.Alert, d.MessageId)));

        await Eventually.True(
            () => Task.FromResult(replicas.Both.Sum(r => r.Consumed.Of<SafeguardingAlertRaised>()) >= deliveries.Count),
            TimeSpan.FromSeconds(30), $"the replicas consume all {deliveries.Count} deliveries");
        await Eventually.True(async () => await replicas.ConcernsFromFilterAlerts() >= Distinct,
            TimeSpan.FromSeconds(20), $"{Distinct} concerns are opened");

        foreach (var replica in replicas.Both)
            output.WriteLine($"{replica.Name} consumed {replica.Consumed.Of<SafeguardingAlertRaised>()} of {deliveries.Count} deliveries");
        foreach (var replica in replicas.Both)
            replica.Consumed.Of<SafeguardingAlertRaised>().ShouldBeGreaterThan(0, $"{replica.Name} consumed nothing: the replicas do not compete");
        (await replicas.ConcernsFromFilterAlerts()).ShouldBe(Distinct, "a duplicate delivery opened a second concern");
        foreach (var alert in alerts)
            (await replicas.ConcernsOpenedFor(alert.AlertId)).ShouldBe(1, $"alert {alert.AlertId}");
    }

    private static SafeguardingAlertRaised Alert() => new(
        AlertId: Guid.CreateVersion7(), SchoolUrn: TwoIncidentReplicas.School, OccurredAt: DateTimeOffset.UtcNow,
        EventAt: DateTimeOffset.UtcNow.AddMinutes(-1), Vendor: "smoothwall", SourceId: Guid.CreateVersion7(),
        Category: "self-harm", FourC: "content", Severity: 4, Action: "blocked", Url: "https://example.invalid/",
        SearchTerm: null, DeviceId: null, UserRef: "u-42", SourceIp: "10.0.0.12");
}
