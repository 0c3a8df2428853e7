using System.Data;
using JasperFx;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace TrustSafety.EventSourcing.EventStore;

/// <summary>
/// Exactly one replica per service leads: the one holding a session-level PostgreSQL advisory lock on a dedicated,
/// unpooled connection. A dead connection means the lock is gone, so the leader heartbeats it. With
/// <c>Daemon:Mode=Elected</c> (the default) the leader runs Marten's async daemon; with <c>HotCold</c> Marten's own
/// coordinator runs it and this lock only elects the leader of the timers that read <see cref="IsLeader"/> (Marten's
/// HotCold locks each shard on its own, so it has no single leader to follow). docs/kubernetes.md, "One daemon leader".
/// </summary>
public sealed partial class LeaderElectedDaemon(
    IDocumentStore store, IConfiguration configuration, IOptions<DaemonOptions> options, ILogger<LeaderElectedDaemon> logger,
    IServiceProvider? services = null)
    : BackgroundService
{
    private readonly DaemonOptions _options = options.Value;

    /// <summary>This replica holds the leader lock: it runs the timers (and, when <c>Elected</c>, the daemon).</summary>
    public bool IsLeader { get; private set; }

    /// <summary>
    /// This replica's async daemon runs at least one shard (a projection or the forwarder): the leader when
    /// <c>Elected</c>; when <c>HotCold</c>, whichever replica Marten's coordinator has running agents on.
    /// </summary>
    public bool RunsDaemon => _options.Mode == DaemonLeadership.HotCold
        ? services?.GetService<IProjectionCoordinator>() is { } coordinator
          && coordinator.DaemonForMainDatabase().CurrentAgents().Any(a => a.Status == AgentStatus.Running)
        : IsLeader;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled) return;
        var connectionString = new NpgsqlConnectionStringBuilder(EventStoreSetup.ConnectionString(configuration))
            { Pooling = false, ApplicationName = "daemon-leader" }.ConnectionString;
        var schema = ((DocumentStore)store).Options.Events.DatabaseSchemaName;
        var lockId = LockIds.For(connectionString, schema);

        while (!stoppingToken.IsCancellationRequested)
        {
            IProjectionDaemon? daemon = null;
            var failed = false;
            await using var connection = new NpgsqlConnection(connectionString);
            try
            {
                await connection.OpenAsync(stoppingToken);
                if (!(bool)(await Scalar(connection, "select pg_try_advisory_lock(@id)", lockId, stoppingToken))!)
                {
                    await connection.CloseAsync();
                    await Task.Delay(_options.RetryInterval, stoppingToken);
                    continue;
                }
                // Fencing: a leader whose lock connection died learns it only at its next heartbeat, so the new
                // leader waits that long before starting. Two daemons at once would race on the shards' progress
                // (Marten then pauses the losing shard) and publish the same page twice.
                await Task.Delay(_options.TakeoverDelay ?? 2 * _options.HeartbeatInterval, stoppingToken);
                await Scalar(connection, "select 1", lockId, stoppingToken);
                IsLeader = true;
                LogAcquired(logger, _options.Replica, lockId);
                if (_options.Mode == DaemonLeadership.Elected)
                {
                    daemon = await store.BuildProjectionDaemonAsync();
                    await daemon.StartAllAsync();
                }
                while (true)
                {
                    await Task.Delay(_options.HeartbeatInterval, stoppingToken);
                    await Scalar(connection, "select 1", lockId, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
            catch (Exception ex)
            {
                LogLost(logger, ex, _options.Replica);
                failed = true;
            }
            finally
            {
                if (daemon is not null)
                {
                    try { await daemon.StopAllAsync(); } catch (Exception ex) { LogLost(logger, ex, _options.Replica); }
                    daemon.Dispose();
                }
                if (IsLeader && connection.State == ConnectionState.Open)
                {
                    try { await Scalar(connection, "select pg_advisory_unlock(@id)", lockId, CancellationToken.None); }
                    catch (NpgsqlException) { }
                }
                IsLeader = false;
            }
            if (failed)
            {
                try { await Task.Delay(_options.RetryInterval, stoppingToken); } catch (OperationCanceledException) { }
            }
        }
    }

    private async Task<object?> Scalar(NpgsqlConnection connection, string sql, long lockId, CancellationToken ct)
    {
        // A heartbeat that cannot reach the server (network cut, server node gone) fails within about one interval
        // instead of Npgsql's 30 s default, so this replica stops its daemon well before PostgreSQL drops the dead
        // session (tcp_keepalives_* on the server: ~11 s) and another replica's takeover delay has passed.
        await using var command = new NpgsqlCommand(sql, connection)
        {
            CommandTimeout = Math.Max(1, (int)Math.Ceiling(_options.HeartbeatInterval.TotalSeconds)),
        };
        command.Parameters.AddWithValue("id", lockId);
        return await command.ExecuteScalarAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Replica} is now the daemon leader (advisory lock {LockId})")]
    private static partial void LogAcquired(ILogger logger, string replica, long lockId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Replica} lost daemon leadership")]
    private static partial void LogLost(ILogger logger, Exception exception, string replica);
}
