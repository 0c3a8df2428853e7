using System.Collections.Concurrent;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TrustSafety.Contracts.Incident;
using TrustSafety.EventSourcing.EventStore;
using TrustSafety.Testing;

namespace TrustSafety.ReplicaSafety.Tests;

/// <summary>
/// Two replicas of the incident service, as two pods would run: one database, one RabbitMQ virtual host,
/// one identity. Each replica counts the messages its own consumers handled. A test bus on the same
/// virtual host watches what the replicas publish. Classic queues (the local default); production's quorum queues
/// are <see cref="TwoIncidentReplicasOnQuorumQueues"/>.
/// </summary>
public class TwoIncidentReplicas : IAsyncLifetime
{
    public const string School = "141001";
    private TestDatabase _database = null!;
    private TestVirtualHost _vhost = null!;
    private IBusControl _observer = null!;
    private readonly List<ServiceHost<TrustSafety.Incident.EntryPoint>> _roots = [];

    public IdentityServer Identity { get; private set; } = null!;
    public Replica A { get; private set; } = null!;
    public Replica B { get; private set; } = null!;
    public IReadOnlyList<Replica> Both => [A, B];
    public ConcurrentDictionary<Guid, IncidentReported> Reported { get; } = new();
    public string ConnectionString => _database.ConnectionString;

    /// <summary><c>RabbitMq:QuorumQueues</c> for both replicas (production sets it true).</summary>
    public virtual bool QuorumQueues => false;

    /// <summary>The type RabbitMQ reports for each queue of this virtual host (classic or quorum).</summary>
    public Task<IReadOnlyDictionary<string, string>> QueueTypesAsync() => _vhost.QueueTypesAsync();

    public async Task InitializeAsync()
    {
        Identity = await IdentityServer.SharedAsync();
        _database = await TestDatabase.CreateAsync("replicas");
        _vhost = await TestVirtualHost.CreateAsync();
        _observer = await StartObserverAsync();
        A = await StartReplicaAsync("replica-a");
        B = await StartReplicaAsync("replica-b");
        await Task.WhenAll(A.WaitUntilReadyAsync(), B.WaitUntilReadyAsync());
        Mode = A.Mode;
    }

    private async Task<Replica> StartReplicaAsync(string name)
    {
        var settings = await PlatformSettings.ForAsync(_database, _vhost, Identity, "incident");
        settings["Daemon:Replica"] = name;
        settings["RabbitMq:QuorumQueues"] = QuorumQueues ? "true" : "false";
        var root = new ServiceHost<TrustSafety.Incident.EntryPoint>(settings);
        _roots.Add(root);
        var consumed = new ConsumedCounter();
        var host = root.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddConsumeObserver(_ => consumed)));
        return new Replica(name, host, consumed, Identity);
    }

    private Task<IBusControl> StartObserverAsync() =>
        _vhost.StartBusAsync(cfg =>
        {
            cfg.ReceiveEndpoint($"{_vhost.EndpointPrefix ?? "test"}-replica-safety-observer", e =>
            {
                e.AutoDelete = true;
                e.Handler<IncidentReported>(context =>
                {
                    Reported[context.Message.IncidentId] = context.Message;
                    return Task.CompletedTask;
                });
            });
        });

    /// <summary>Publishes as filtering-ingest would, on the replicas' virtual host.</summary>
    public Task Publish<T>(T message, Guid messageId) where T : class =>
        _observer.Publish(message, context => context.MessageId = messageId);

    /// <summary><c>Daemon:Mode</c> the replicas run (from the environment, e.g. <c>Daemon__Mode=HotCold</c>; default Elected).</summary>
    public DaemonLeadership Mode { get; private set; }

    /// <summary>
    /// Daemon locks held in this test's database. Elected: the leader's lock ('daemon-leader' connection), the only
    /// lock the service takes. HotCold: Marten's shard locks (incident has one async shard, the forwarder); the
    /// 'daemon-leader' lock then elects only the timers' leader and is not counted.
    /// </summary>
    public async Task<long> AdvisoryLocksHeld()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        // Marten's shard lock ids are 32-bit (classid 0); the service's own transaction locks are 64-bit hashes.
        var holder = Mode == DaemonLeadership.HotCold ? "<> 'daemon-leader' and l.classid = 0" : "= 'daemon-leader'";
        await using var command = new NpgsqlCommand(
            "select count(*) from pg_locks l join pg_stat_activity a on a.pid = l.pid " +
            $"where l.locktype = 'advisory' and l.granted and a.datname = current_database() and a.application_name {holder}",
            connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task<long> ConcernsOpenedFor(Guid alertId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*) from incident.mt_events where type = 'concern_reported.v1' and tenant_id = @school and data::text like @alert",
            connection);
        command.Parameters.AddWithValue("school", School);
        command.Parameters.AddWithValue("alert", $"%{alertId}%");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task<long> ConcernsFromFilterAlerts()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*) from incident.mt_events where type = 'concern_reported.v1' and tenant_id = @school and data::text like '%filter-alert:%'",
            connection);
        command.Parameters.AddWithValue("school", School);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        foreach (var replica in Both) await replica.DisposeAsync();
        foreach (var root in _roots) await root.DisposeAsync();
        await _observer.StopAsync();
        await _vhost.DisposeAsync();
        await _database.DisposeAsync();
    }
}

/// <summary>The same two replicas with <c>RabbitMq:QuorumQueues=true</c>, production's setting (single-node quorum queues).</summary>
public sealed class TwoIncidentReplicasOnQuorumQueues : TwoIncidentReplicas
{
    public override bool QuorumQueues => true;
}

/// <summary>One running replica: its HTTP client, its daemon's leadership, the messages its consumers handled.</summary>
public sealed class Replica(string name, WebApplicationFactory<TrustSafety.Incident.EntryPoint> host, ConsumedCounter consumed, IdentityServer identity)
    : IAsyncDisposable
{
    private bool _disposed;
    public string Name { get; } = name;
    public ConsumedCounter Consumed { get; } = consumed;
    public bool IsRunning => !_disposed;
    /// <summary>This replica runs the daemon (the forwarder): the elected leader, or where Marten's HotCold runs it.</summary>
    public bool IsLeader => !_disposed && host.Services.GetRequiredService<LeaderElectedDaemon>().RunsDaemon;
    public DaemonLeadership Mode => host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DaemonOptions>>().Value.Mode;

    public async Task WaitUntilReadyAsync()
    {
        using var client = host.CreateClient();
        await Eventually.True(async () => (await client.GetAsync("/health/ready")).IsSuccessStatusCode,
            TimeSpan.FromSeconds(60), $"{Name} is ready (database schema applied, bus connected)");
    }

    /// <summary>A member of staff at Blakehill reports a concern through this replica.</summary>
    public async Task<Guid> ReportConcernAsync()
    {
        using var client = await identity.ClientForAsync("staff.blakehill", host.CreateClient());
        using var response = await client.PostAsJsonAsync("/incidents", new
        {
            happenedAt = DateTimeOffset.UtcNow.AddHours(-1),
            whatHappened = "A pupil was sent unkind messages in a group chat.",
            where = new { site = "off-site", device = "personal-device" },
            howItCameToLight = "disclosure",
            people = new[] { new { role = "child-victim", pupilId = "P-1001" } },
        });
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue($"{Name} refused the concern: {(int)response.StatusCode} {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await host.DisposeAsync();
    }
}

/// <summary>Counts messages a replica's consumers finished, by message type.</summary>
public sealed class ConsumedCounter : IConsumeObserver
{
    private readonly ConcurrentDictionary<Type, int> _counts = new();

    public int Of<T>() => _counts.GetValueOrDefault(typeof(T));

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        _counts.AddOrUpdate(typeof(T), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;
    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
