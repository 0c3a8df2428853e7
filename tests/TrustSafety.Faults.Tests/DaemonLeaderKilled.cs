using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TrustSafety.Contracts.Incident;
using TrustSafety.EventSourcing.EventStore;
using TrustSafety.Testing;
using Xunit.Abstractions;

namespace TrustSafety.Faults.Tests;

/// <summary>
/// The hard case of daemon failover (ReplicaSafety covers a replica stopping gracefully): the leader's lock
/// connection is killed inside PostgreSQL with pg_terminate_backend, as a failover, an idle-session killer or a
/// DBA would. A replica — the same or the other — holds the lock again (typically 2–4 s; the poll allows 30 s) and forwarding resumes, losing
/// nothing reported in the gap. And the leader cut off from the database (each replica reaches PostgreSQL through its own
/// chaos proxy, and the leader's is cut): it notices on its heartbeat and stops its daemon, PostgreSQL releases the lock
/// as the connection closes, and the other replica takes over; the takeover is timed and written to the test output.
/// </summary>
public sealed class DaemonLeaderKilled(ITestOutputHelper output) : IAsyncLifetime
{
    // Elected: the daemon lock is LeaderElectedDaemon's ('daemon-leader' connection). HotCold: Marten's shard lock (the
    // incident service has one async shard, the forwarder) on Marten's own connection; 'daemon-leader' then leads the timers.
    private string LockHolderSql => $"""
        select a.pid from pg_locks l join pg_stat_activity a on a.pid = l.pid
        where l.locktype = 'advisory' and l.granted and a.datname = current_database() and {DaemonLockFilter}
        """;
    // Marten's shard lock ids are 32-bit (classid 0); the service's own transaction locks are 64-bit hashes.
    private string DaemonLockFilter => DaemonOptionsOf(0).Mode == DaemonLeadership.HotCold
        ? "a.application_name <> 'daemon-leader' and l.classid = 0" : "a.application_name = 'daemon-leader'";
    private readonly ConcurrentDictionary<Guid, int> _forwarded = new();
    private readonly List<ServiceHost<TrustSafety.Incident.EntryPoint>> _replicas = [];
    private readonly List<ChaosProxy> _links = [];
    private IdentityServer _identity = null!;
    private TestDatabase _db = null!;
    private TestVirtualHost _vhost = null!;
    private IBusControl _observer = null!;

    public async Task InitializeAsync()
    {
        _identity = await IdentityServer.SharedAsync();
        _db = await TestDatabase.CreateAsync("faults_leader");
        _vhost = await TestVirtualHost.CreateAsync();
        _observer = await ObserverAsync();
        foreach (var name in new[] { "replica-a", "replica-b" })
        {
            var settings = await PlatformSettings.ForAsync(_db, _vhost, _identity, "incident");
            settings["Daemon:Replica"] = name;
            // Each replica's own path to PostgreSQL, so one can be cut off alone.
            var direct = new NpgsqlConnectionStringBuilder(_db.ConnectionString);
            var link = new ChaosProxy(direct.Host!, direct.Port);
            _links.Add(link);
            settings["ConnectionStrings:Postgres"] = new NpgsqlConnectionStringBuilder(_db.ConnectionString)
                { Host = "127.0.0.1", Port = link.Port, Timeout = 3 }.ConnectionString;
            _replicas.Add(new ServiceHost<TrustSafety.Incident.EntryPoint>(settings.Quiet()));
        }
        await Task.WhenAll(_replicas.Select((r, i) => Hosts.WaitUntilReadyAsync(r, $"replica {i}")));
    }

    [Fact]
    public async Task killing_the_leaders_lock_connection_in_postgresql_hands_the_daemon_over_and_forwarding_resumes_without_loss()
    {
        var oldPid = await Eventually.Returns(LockHolder, pid => pid is not null, TimeSpan.FromSeconds(20), "a replica holds the daemon lock");
        // The lock holder starts its daemon after the takeover delay (Daemon:TakeoverDelay, two heartbeats).
        await Eventually.True(() => Task.FromResult(Leaders().Count == 1), TimeSpan.FromSeconds(10), "the lock holder leads");
        var oldLeader = Leaders().Single();
        var before = await ReportAsync(0);
        await Eventually.True(() => Task.FromResult(_forwarded.ContainsKey(before)), TimeSpan.FromSeconds(20), "forwarding works before the kill");

        var killed = Stopwatch.StartNew();
        (await Sql.Scalar<bool>(_db.ConnectionString, "select pg_terminate_backend(@pid)", ("pid", oldPid!.Value))).ShouldBeTrue();
        // Reported in the gap, through both replicas: committed to the event store, waiting for a leader to forward.
        var inTheGap = new List<Guid>();
        for (var i = 0; i < 6; i++) inTheGap.Add(await ReportAsync(i % 2));

        // A deadline on the poll, not a stopwatch bound: on a loaded machine the six reports above can take seconds themselves.
        var newPid = await Eventually.Returns(LockHolder, pid => pid is not null && pid != oldPid, TimeSpan.FromSeconds(30),
            "a replica re-acquires the daemon lock after its connection was killed");
        var takeover = killed.Elapsed;
        await Eventually.True(() => Task.FromResult(Leaders().Count == 1), TimeSpan.FromSeconds(5), "exactly one replica believes it leads");
        output.WriteLine($"{oldLeader} led (backend {oldPid}); after the kill {Leaders().Single()} holds the lock (backend {newPid}), {takeover.TotalSeconds:0.0} s later (mode {DaemonOptionsOf(0).Mode})");

        await Eventually.True(() => Task.FromResult(inTheGap.All(_forwarded.ContainsKey)), TimeSpan.FromSeconds(20),
            "every concern reported in the gap is forwarded as IncidentReported");
        var after = await ReportAsync(1);
        await Eventually.True(() => Task.FromResult(_forwarded.ContainsKey(after)), TimeSpan.FromSeconds(20), "forwarding carries on");
        output.WriteLine($"forwarded deliveries per incident: {string.Join(", ", _forwarded.Values.GroupBy(v => v).Select(g => $"{g.Count()} × {g.Key}"))} (a repeat is absorbed by idempotent consumers)");
        output.WriteLine($"advisory locks: {await LockRows()}");
        (await LocksHeld()).ShouldBe(1, "exactly one daemon lock is held");
    }

    [Fact]
    public async Task a_leader_cut_off_from_postgresql_stops_its_daemon_and_the_other_replica_takes_over_in_seconds()
    {
        await Eventually.Returns(LockHolder, pid => pid is not null, TimeSpan.FromSeconds(20), "a replica holds the daemon lock");
        await Eventually.True(() => Task.FromResult(Leaders().Count == 1), TimeSpan.FromSeconds(10), "the lock holder leads");
        var leader = LeaderIndex();
        var follower = 1 - leader;
        var before = await ReportAsync(follower);
        await Eventually.True(() => Task.FromResult(_forwarded.ContainsKey(before)), TimeSpan.FromSeconds(20), "forwarding works before the cut");

        var cut = Stopwatch.StartNew();
        _links[leader].Cut();
        try
        {
            await Eventually.True(() => Task.FromResult(!IsLeader(leader)), TimeSpan.FromSeconds(30),
                $"replica {leader}, cut off from PostgreSQL, stops its daemon");
        }
        catch (TimeoutException)
        {
            output.WriteLine($"after {cut.Elapsed.TotalSeconds:0.0} s replica {leader} (cut off) still runs the daemon; replica {follower} runs it: " +
                $"{IsLeader(follower)}; advisory locks: {await LockRows()} (mode {DaemonOptionsOf(leader).Mode})");
            throw;
        }
        var stepDown = cut.Elapsed;
        await Eventually.True(() => Task.FromResult(IsLeader(follower)), TimeSpan.FromSeconds(30), $"replica {follower} takes over the daemon");
        var takeover = cut.Elapsed;
        output.WriteLine($"replica {leader} cut off: it stopped its daemon after {stepDown.TotalSeconds:0.0} s; replica {follower} led " +
            $"{takeover.TotalSeconds:0.0} s after the cut (heartbeat {DaemonOptionsOf(follower).HeartbeatInterval.TotalSeconds} s, " +
            $"retry {DaemonOptionsOf(follower).RetryInterval.TotalSeconds} s, mode {DaemonOptionsOf(follower).Mode})");

        var inTheGap = await ReportAsync(follower);
        await Eventually.True(() => Task.FromResult(_forwarded.ContainsKey(inTheGap)), TimeSpan.FromSeconds(20),
            "the new leader forwards what is reported while the old one is cut off");

        _links[leader].Restore();
        var back = await ReportAsync(leader);
        await Eventually.True(() => Task.FromResult(_forwarded.ContainsKey(back)), TimeSpan.FromSeconds(20),
            "the reconnected replica serves again; its reports are forwarded by the leader");
        Leaders().ShouldBe([$"replica {follower}"], "the reconnected replica does not take the daemon back while the other leads");
        (await LocksHeld()).ShouldBe(1, "exactly one daemon lock is held");
    }

    /// <summary>The replica runs the daemon (the forwarder): the elected leader, or where Marten's HotCold runs it.</summary>
    private bool IsLeader(int replica) => _replicas[replica].Services.GetRequiredService<LeaderElectedDaemon>().RunsDaemon;

    private int LeaderIndex() => Enumerable.Range(0, _replicas.Count).Single(IsLeader);

    private DaemonOptions DaemonOptionsOf(int replica) =>
        _replicas[replica].Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DaemonOptions>>().Value;

    private List<string> Leaders() => _replicas.Select((r, i) => (r, i))
        .Where(x => IsLeader(x.i)).Select(x => $"replica {x.i}").ToList();

    private async Task<int?> LockHolder()
    {
        await using var connection = new NpgsqlConnection(_db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(LockHolderSql, connection);
        return await command.ExecuteScalarAsync() is int pid ? pid : null;
    }

    private async Task<string> LockRows()
    {
        await using var connection = new NpgsqlConnection(_db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select string_agg(format('%s/%s pid %s app %s from %s', l.classid, l.objid, l.pid, a.application_name, a.client_port), '; ')
            from pg_locks l join pg_stat_activity a on a.pid = l.pid
            where l.locktype = 'advisory' and l.granted and a.datname = current_database()
            """, connection);
        return (await command.ExecuteScalarAsync()) as string ?? "none";
    }

    private Task<long> LocksHeld() => Sql.Scalar<long>(_db.ConnectionString,
        $"select count(*) from pg_locks l join pg_stat_activity a on a.pid = l.pid where l.locktype = 'advisory' and l.granted and a.datname = current_database() and {DaemonLockFilter}");

    private async Task<Guid> ReportAsync(int replica)
    {
        using var staff = await _identity.ClientForAsync("staff.blakehill", _replicas[replica].CreateClient());
        var outcome = await Concerns.ReportAsync(staff, $"leader-{Guid.NewGuid():N}");
        outcome.Id.ShouldNotBeNull($"replica {replica} refused the concern: {outcome.Status} {outcome.Body}");
        return outcome.Id.Value;
    }

    private Task<IBusControl> ObserverAsync() =>
        _vhost.StartBusAsync(cfg =>
        {
            cfg.ReceiveEndpoint($"{_vhost.EndpointPrefix ?? "test"}-faults-leader-observer", e =>
            {
                e.AutoDelete = true;
                e.Handler<IncidentReported>(context =>
                {
                    _forwarded.AddOrUpdate(context.Message.IncidentId, 1, (_, n) => n + 1);
                    return Task.CompletedTask;
                });
            });
        });

    public async Task DisposeAsync()
    {
        foreach (var replica in _replicas) await replica.DisposeAsync();
        foreach (var link in _links) await link.DisposeAsync();
        await _observer.StopAsync();
        await _vhost.DisposeAsync();
        await _db.DisposeAsync();
    }
}
