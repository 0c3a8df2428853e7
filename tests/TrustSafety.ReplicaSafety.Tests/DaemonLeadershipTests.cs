using TrustSafety.Testing;
using Xunit.Abstractions;

namespace TrustSafety.ReplicaSafety.Tests;

/// <summary>Two replicas, one database: exactly one runs the Marten daemon (projections and the outbox forwarder).</summary>
public sealed class DaemonLeadershipTests(TwoIncidentReplicas replicas, ITestOutputHelper output)
    : DaemonLeadership<TwoIncidentReplicas>(replicas, output), IClassFixture<TwoIncidentReplicas>;

/// <summary>The same with quorum queues, as production runs them.</summary>
public sealed class DaemonLeadershipOnQuorumQueuesTests(TwoIncidentReplicasOnQuorumQueues replicas, ITestOutputHelper output)
    : DaemonLeadership<TwoIncidentReplicasOnQuorumQueues>(replicas, output), IClassFixture<TwoIncidentReplicasOnQuorumQueues>;

public abstract class DaemonLeadership<TReplicas>(TReplicas replicas, ITestOutputHelper output) where TReplicas : TwoIncidentReplicas
{
    [Fact]
    public async Task exactly_one_replica_leads_and_the_other_takes_over_and_resumes_forwarding_when_the_leader_stops()
    {
        await Eventually.True(() => Task.FromResult(replicas.Both.Count(r => r.IsLeader) == 1),
            TimeSpan.FromSeconds(20), "one of the two replicas is elected daemon leader");
        replicas.Both.Count(r => r.IsLeader).ShouldBe(1, "both replicas run the daemon");
        (await replicas.AdvisoryLocksHeld()).ShouldBe(1, "exactly one daemon lock is held in the database");

        var leader = replicas.Both.Single(r => r.IsLeader);
        var follower = replicas.Both.Single(r => !r.IsLeader);

        var before = await follower.ReportConcernAsync();
        await Eventually.True(() => Task.FromResult(replicas.Reported.ContainsKey(before)),
            TimeSpan.FromSeconds(20), "a concern reported through the follower is forwarded as IncidentReported by the leader");

        var stopped = System.Diagnostics.Stopwatch.StartNew();
        await leader.DisposeAsync();

        await Eventually.True(() => Task.FromResult(follower.IsLeader),
            TimeSpan.FromSeconds(30), $"{follower.Name} takes over the daemon after {leader.Name} stopped");
        output.WriteLine($"{leader.Name} led first; {follower.Name} took over {stopped.Elapsed.TotalSeconds:0.0} s after {leader.Name} began stopping (mode {replicas.Mode})");
        (await replicas.AdvisoryLocksHeld()).ShouldBe(1);

        var after = await follower.ReportConcernAsync();
        await Eventually.True(() => Task.FromResult(replicas.Reported.ContainsKey(after)),
            TimeSpan.FromSeconds(20), "forwarding resumes on the new leader: the concern reported after the switch reaches the bus");
        replicas.Reported[after].SchoolUrn.ShouldBe(TwoIncidentReplicas.School);
    }
}
