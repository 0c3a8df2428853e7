using MassTransit;
using System.Diagnostics;
using Npgsql;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace TrustSafety.Testing;

public sealed record RabbitEndpoint(string Host, int Port, string Username, string Password);

/// <summary>
/// The real PostgreSQL and RabbitMQ the tests run against: the servers named by TS_PG_* / TS_RABBIT_*
/// (infra/setup.sh writes them), else Testcontainers when a Docker engine answers, else the local defaults.
/// </summary>
public static class TestServers
{
    private static readonly Lazy<Task<(string Postgres, RabbitEndpoint Rabbit, bool Containers)>> Servers = new(StartAsync);

    public static async Task<string> PostgresAdminAsync() => (await Servers.Value).Postgres;
    public static async Task<RabbitEndpoint> RabbitAsync() => (await Servers.Value).Rabbit;
    public static async Task<bool> InContainersAsync() => (await Servers.Value).Containers;

    private static async Task<(string, RabbitEndpoint, bool)> StartAsync()
    {
        var pgHost = Environment.GetEnvironmentVariable("TS_PG_HOST");
        if (pgHost is null && DockerAnswers())
        {
            var pg = new PostgreSqlBuilder("postgres:15").WithCommand("-c", "max_connections=300").Build();
            var mq = new RabbitMqBuilder("rabbitmq:3.13").Build();
            await Task.WhenAll(pg.StartAsync(), mq.StartAsync());
            var amqp = new Uri(mq.GetConnectionString());
            var userInfo = amqp.UserInfo.Split(':');
            return (pg.GetConnectionString(), new RabbitEndpoint(amqp.Host, amqp.Port, userInfo[0], userInfo[1]), true);
        }
        var postgres = new NpgsqlConnectionStringBuilder
        {
            Host = pgHost ?? "127.0.0.1",
            Port = int.Parse(Environment.GetEnvironmentVariable("TS_PG_PORT") ?? "5432"),
            Username = Environment.GetEnvironmentVariable("TS_PG_USER") ?? "trustsafety",
            Password = Environment.GetEnvironmentVariable("TS_PG_PASSWORD") ?? "trustsafety",
            Database = "postgres",
            // A loaded CI machine (every test project at once on two cores) has taken over the default 15 s to open a
            // connection or create a database; tests fail on what they check, not on a busy PostgreSQL.
            Timeout = 60,
            CommandTimeout = 120,
        }.ConnectionString;
        var rabbit = new RabbitEndpoint(
            Environment.GetEnvironmentVariable("TS_RABBIT_HOST") ?? "127.0.0.1",
            int.Parse(Environment.GetEnvironmentVariable("TS_RABBIT_PORT") ?? "5672"),
            Environment.GetEnvironmentVariable("TS_RABBIT_USER") ?? "guest",
            Environment.GetEnvironmentVariable("TS_RABBIT_PASSWORD") ?? "guest");
        return (postgres, rabbit, false);
    }

    private static bool DockerAnswers()
    {
        try
        {
            using var docker = Process.Start(new ProcessStartInfo("docker", "info --format {{.ServerVersion}}")
                { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            if (docker is null) return false;
            return docker.WaitForExit(5000) && docker.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

/// <summary>A throwaway database for one test class, dropped afterwards.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _admin;
    public string Name { get; }
    public string ConnectionString { get; }

    private TestDatabase(string admin, string name)
    {
        _admin = admin;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 40 }.ConnectionString;
    }

    public static async Task<TestDatabase> CreateAsync(string prefix)
    {
        var admin = await TestServers.PostgresAdminAsync();
        var name = $"test_{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();
        if (name.Length > 63) name = name[..63];
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"create database \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new TestDatabase(admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"drop database if exists \"{Name}\" with (force)", connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// A RabbitMQ virtual host of its own for one test class (via rabbitmqctl on a local broker), so test classes
/// never consume each other's messages. Where rabbitmqctl is absent, "/" with a unique queue prefix.
/// </summary>
public sealed class TestVirtualHost : IAsyncDisposable
{
    public string Name { get; }
    public string? EndpointPrefix { get; }

    private TestVirtualHost(string name, string? prefix) { Name = name; EndpointPrefix = prefix; }

    public static async Task<TestVirtualHost> CreateAsync()
    {
        var rabbit = await TestServers.RabbitAsync();
        var name = "test-" + Guid.NewGuid().ToString("N")[..12];
        if (!await TestServers.InContainersAsync() && await RabbitCtl($"add_vhost {name}")
            && await RabbitCtl($"set_permissions -p {name} {rabbit.Username} .* .* .*"))
            return new TestVirtualHost(name, null);
        return new TestVirtualHost("/", name);
    }

    public async ValueTask DisposeAsync()
    {
        if (Name != "/") await RabbitCtl($"delete_vhost {Name}");
    }

    /// <summary>A started test-side bus on this virtual host (to publish as a service would, or to observe what one publishes).</summary>
    public async Task<IBusControl> StartBusAsync(Action<IRabbitMqBusFactoryConfigurator>? configure = null)
    {
        var rabbit = await TestServers.RabbitAsync();
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(rabbit.Host, (ushort)rabbit.Port, Name, h =>
            {
                h.Username(rabbit.Username);
                h.Password(rabbit.Password);
            });
            configure?.Invoke(cfg);
        });
        await bus.StartAsync(TimeSpan.FromSeconds(30));
        return bus;
    }

    /// <summary>Each queue of this virtual host (of this test's prefix on a shared one) and its type: classic or quorum.</summary>
    public async Task<IReadOnlyDictionary<string, string>> QueueTypesAsync() => await ListQueuesAsync("type");

    /// <summary>
    /// Each queue's ready and unacknowledged messages and its consumers ("ready=3 unacked=0 consumers=1"), for a test that
    /// timed out to say where the messages it waited for are.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> QueueStatesAsync()
    {
        var states = await ListQueuesAsync("messages_ready messages_unacknowledged consumers");
        return states.ToDictionary(s => s.Key, s => s.Value.Split('\t') is [var ready, var unacked, var consumers]
            ? $"ready={ready} unacked={unacked} consumers={consumers}" : s.Value);
    }

    private async Task<Dictionary<string, string>> ListQueuesAsync(string columns)
    {
        using var process = Process.Start(new ProcessStartInfo("rabbitmqctl", $"-q list_queues -p {Name} --no-table-headers name {columns}")
            { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })
            ?? throw new InvalidOperationException("rabbitmqctl could not be started");
        var output = await process.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"rabbitmqctl list_queues failed: {await process.StandardError.ReadToEndAsync()}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('\t', 2, StringSplitOptions.TrimEntries))
            .Where(parts => parts.Length == 2 && (EndpointPrefix is null || parts[0].StartsWith(EndpointPrefix, StringComparison.Ordinal)))
            .ToDictionary(parts => parts[0], parts => parts[1]);
    }

    private static async Task<bool> RabbitCtl(string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("rabbitmqctl", "-q " + arguments)
                { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            if (process is null) return false;
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            return process.ExitCode == 0;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or TimeoutException)
        {
            return false;
        }
    }
}
