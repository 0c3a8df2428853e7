using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.MultiTenancy;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using TrustSafety.ServiceDefaults;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.ServiceDefaults.Errors;
using TrustSafety.Platform;

namespace TrustSafety.EventSourcing.EventStore;

/// <summary>Who starts Marten's async daemon (projections and the outbox forwarder) across replicas.</summary>
public enum DaemonLeadership
{
    /// <summary>
    /// <see cref="LeaderElectedDaemon"/>: one advisory lock on a dedicated connection with a heartbeat; its holder runs
    /// the whole daemon and the timers gated on <see cref="LeaderElectedDaemon.IsLeader"/>.
    /// </summary>
    Elected,
    /// <summary>
    /// Marten's own <c>DaemonMode.HotCold</c> coordinator: one advisory lock per shard (through Medallion's
    /// DistributedLock, lock loss seen by its connection monitor), polled every <see cref="DaemonOptions.RetryInterval"/>.
    /// <see cref="LeaderElectedDaemon"/> then only elects the leader of the timers (docs/kubernetes.md, "One daemon leader").
    /// </summary>
    HotCold,
}

public sealed class DaemonOptions
{
    public const string Section = "Daemon";
    /// <summary>Whether this replica competes to run the async daemon (projections + forwarder).</summary>
    public bool Enabled { get; set; } = true;
    /// <summary><c>Daemon:Mode</c>: <see cref="DaemonLeadership.Elected"/> (default) or <see cref="DaemonLeadership.HotCold"/>.</summary>
    public DaemonLeadership Mode { get; set; } = DaemonLeadership.Elected;
    public string Replica { get; set; } = Environment.MachineName + ":" + Environment.ProcessId;
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>How long a replica that takes the lock waits before starting the daemon; default two heartbeats.</summary>
    public TimeSpan? TakeoverDelay { get; set; }
}

public static class EventStoreSetup
{
    /// <summary>
    /// The service's own Marten store: conjoined tenancy (tenant = school URN), rich appends (inline projections
    /// get real versions), event headers for trace propagation, the async daemon run only by the elected leader,
    /// and the integration-event forwarder when <typeparamref name="TMapper"/> is given.
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddEventStore(
        this WebApplicationBuilder builder, string schema, Action<StoreOptions> configure)
    {
        var daemon = builder.Configuration.GetSection(DaemonOptions.Section).Get<DaemonOptions>() ?? new DaemonOptions();
        var hotCold = daemon is { Enabled: true, Mode: DaemonLeadership.HotCold };
        var expression = builder.Services.AddMarten(sp =>
            {
                var options = new StoreOptions();
                options.Connection(WithStatementPreparation(ConnectionString(sp.GetRequiredService<IConfiguration>())));
                options.DatabaseSchemaName = schema;
                options.Events.DatabaseSchemaName = schema;
                options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
                options.Events.TenancyStyle = TenancyStyle.Conjoined;
                options.Policies.AllDocumentsAreMultiTenanted();
                options.Events.StreamIdentity = StreamIdentity.AsGuid;
                options.Events.AppendMode = EventAppendMode.Rich;
                options.Events.MetadataConfig.HeadersEnabled = true;
                options.Events.MetadataConfig.UserNameEnabled = true;
                options.Events.MetadataConfig.CorrelationIdEnabled = true;
                options.Schema.For<ProcessedMessage>().Identity(m => m.Id);
                options.OpenTelemetry.TrackConnections = JasperFx.OpenTelemetry.TrackLevel.Normal;
                options.OpenTelemetry.TrackEventCounters();
                // HotCold: how often each replica tries the shards' locks it lacks (Marten's default is 5 s).
                options.Projections.LeadershipPollingTime = (int)daemon.RetryInterval.TotalMilliseconds;
                configure(options);
                return options;
            })
            .UseLightweightSessions()
            .ApplyAllDatabaseChangesOnStartup()
            .AddAsyncDaemon(hotCold ? DaemonMode.HotCold : DaemonMode.ExternallyManaged);

        builder.Services.AddSingleton<ISessionFactory, CallerTenantSessionFactory>();
        builder.Services.AddSingleton<IExceptionClassifier, StorageProblems>();
        builder.Services.AddOptions<DaemonOptions>().BindConfiguration(DaemonOptions.Section);
        builder.Services.AddSingleton<LeaderElectedDaemon>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LeaderElectedDaemon>());
        builder.Services.AddHealthChecks().AddNpgSql(
            sp => ConnectionString(sp.GetRequiredService<IConfiguration>()), name: "postgres", tags: [ServiceDefaultsExtensions.ReadyTag],
            timeout: TimeSpan.FromSeconds(3));
        return expression;
    }

    /// <summary>
    /// Npgsql prepares the statements a service sends again and again (Marten's append and upsert calls, the ingest key
    /// claim) unless the connection string says otherwise: PostgreSQL then skips parsing and planning them, which cut its
    /// CPU per ingest request by ~40 % (bench/RESULTS.md).
    /// </summary>
    public static string WithStatementPreparation(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare > 0) return connectionString;
        builder.MaxAutoPrepare = 64;
        builder.AutoPrepareMinUsages = 2;
        return builder.ConnectionString;
    }

    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("Postgres")
        ?? throw new OptionsValidationException("ConnectionStrings:Postgres", typeof(string),
            ["ConnectionStrings:Postgres is required: the service's own PostgreSQL database."]);
}

/// <summary>Opens every request's session in the caller's school (from the token) and stamps who and which trace.</summary>
internal sealed class CallerTenantSessionFactory(IDocumentStore store, IServiceProvider services) : ISessionFactory
{
    public IQuerySession QuerySession() => store.QuerySession(Tenant());

    public IDocumentSession OpenSession()
    {
        var session = store.LightweightSession(Tenant());
        var user = services.GetService<Microsoft.AspNetCore.Http.IHttpContextAccessor>()?.HttpContext?.User;
        session.LastModifiedBy = user?.FindFirst(PlatformClaims.Subject)?.Value;
        if (System.Diagnostics.Activity.Current is { } activity)
        {
            session.SetHeader("traceparent", activity.Id!);
            session.CorrelationId = activity.TraceId.ToString();
        }
        return session;
    }

    private string Tenant() =>
        services.GetService<Microsoft.AspNetCore.Http.IHttpContextAccessor>()?.HttpContext?.User
            .FindFirst(PlatformClaims.School)?.Value ?? StorageConstants.DefaultTenantId;
}

/// <summary>Marker an idempotent consumer commits together with its own write.</summary>
public sealed class ProcessedMessage
{
    public Guid Id { get; set; }
    public string Consumer { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

internal static class LockIds
{
    /// <summary>A stable advisory-lock id per database and schema (FNV-1a; string.GetHashCode is randomised).</summary>
    public static long For(string connectionString, string schema)
    {
        var db = new NpgsqlConnectionStringBuilder(connectionString).Database ?? "";
        ulong hash = 14695981039346656037;
        foreach (var c in $"{db}/{schema}/daemon") { hash ^= c; hash *= 1099511628211; }
        return (long)(hash & 0x7FFFFFFFFFFFFFFF);
    }
}
