using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TrustSafety.Testing;

namespace TrustSafety.Faults.Tests;

public static class Schools
{
    public const string Blakehill = "141001";
}

/// <summary>
/// Concerns reported through the incident API; each carries a marker so the test can find what was stored. The marker
/// rides in the pupil id: free text is sealed at rest (crypto-shredding), pupil ids stay readable for linking.
/// </summary>
public static class Concerns
{
    public static object Body(string marker) => new
    {
        happenedAt = DateTimeOffset.UtcNow.AddHours(-1),
        whatHappened = $"[{marker}] A pupil was sent unkind messages in a group chat.",
        where = new { site = "off-site", device = "personal-device" },
        howItCameToLight = "disclosure",
        people = new[] { new { role = "child-victim", pupilId = $"[{marker}]" } },
    };

    public sealed record Outcome(string Marker, HttpStatusCode? Status, Guid? Id, string Body, HttpResponseMessage? Response);

    /// <summary>Posts one concern; a transport failure (the service is gone) is an outcome with no status.</summary>
    public static async Task<Outcome> ReportAsync(HttpClient client, string marker)
    {
        try
        {
            using var response = await client.PostAsJsonAsync("/incidents", Body(marker));
            var body = await response.Content.ReadAsStringAsync();
            Guid? id = response.StatusCode == HttpStatusCode.Created
                ? System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid() : null;
            return new Outcome(marker, response.StatusCode, id, body, response);
        }
        catch (HttpRequestException ex)
        {
            return new Outcome(marker, null, null, ex.Message, null);
        }
    }
}

/// <summary>Direct reads of a service's own database, bypassing the service (and any chaos proxy in front of it).</summary>
public static class Sql
{
    public static async Task<T> Scalar<T>(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<List<Guid>> Guids(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        var result = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) result.Add(reader.GetGuid(0));
        return result;
    }

    /// <summary>Incident streams whose concern carries <paramref name="markerPrefix"/>.</summary>
    public static Task<List<Guid>> IncidentsMarked(string incidentDb, string markerPrefix) => Guids(incidentDb,
        "select stream_id from incident.mt_events where type = 'concern_reported.v1' and data::text like @m",
        ("m", $"%[{markerPrefix}%"));

    /// <summary>The incidents reporting holds for a school (one document per incident id).</summary>
    public static Task<List<Guid>> ReportedIncidents(string reportingDb, string school) => Guids(reportingDb,
        "select id from reporting.mt_doc_incidententry where tenant_id = @school and jsonb_typeof(data->'Report') = 'object'", ("school", school));

    /// <summary>How many IncidentReported messages reporting's consumer committed (one marker per message id).</summary>
    public static Task<long> ReportingMarkers(string reportingDb, string school) => Scalar<long>(reportingDb,
        "select count(*) from reporting.mt_doc_processedmessage where tenant_id = @school and data->>'Consumer' = 'IncidentReportedConsumer'",
        ("school", school));

    /// <summary>
    /// Every row count and the newest write of each document table plus the event count of a service's schema:
    /// any second effect of a message (a new event, a re-stored document) changes it.
    /// </summary>
    public static async Task<string> Fingerprint(string connectionString, string schema)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "select table_name from information_schema.tables where table_schema = @s and table_name like 'mt_doc_%' order by 1", connection))
        {
            list.Parameters.AddWithValue("s", schema);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var parts = new List<string>();
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand(
                $"select count(*)::text || '@' || coalesce(max(mt_last_modified)::text, '-') from \"{schema}\".\"{table}\"", connection);
            parts.Add($"{table}={await command.ExecuteScalarAsync()}");
        }
        await using (var events = new NpgsqlCommand($"select count(*) from \"{schema}\".mt_events", connection))
            parts.Add($"events={await events.ExecuteScalarAsync()}");
        return string.Join("; ", parts);
    }
}

/// <summary>Counts the messages a host's consumers finished or failed, by message type.</summary>
public sealed class ConsumedCounter : IConsumeObserver
{
    private readonly ConcurrentDictionary<Type, int> _done = new();
    private readonly ConcurrentQueue<string> _faults = new();

    public int Of<T>() => _done.GetValueOrDefault(typeof(T));
    public int Of(Type type) => _done.GetValueOrDefault(type);
    public IReadOnlyCollection<string> Faults => _faults;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        _done.AddOrUpdate(typeof(T), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        _faults.Enqueue($"{typeof(T).Name}: {exception.GetType().Name}: {exception.Message}");
        return Task.CompletedTask;
    }

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;
}

public static class Hosts
{
    /// <summary>A service host whose consumers report to <paramref name="counter"/>.</summary>
    public static WebApplicationFactory<T> Observed<T>(ServiceHost<T> host, ConsumedCounter counter) where T : class =>
        host.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddConsumeObserver(_ => counter)));

    public static async Task WaitUntilReadyAsync<T>(WebApplicationFactory<T> host, string name) where T : class
    {
        using var client = host.CreateClient();
        await Eventually.True(async () => (await client.GetAsync("/health/ready")).IsSuccessStatusCode,
            TimeSpan.FromSeconds(60), $"{name} is ready (database schema applied, bus connected)");
    }

    /// <summary>Warnings and errors only (consumer faults stay visible), so a failing test's output is readable.</summary>
    public static Dictionary<string, string?> Quiet(this Dictionary<string, string?> settings)
    {
        // TS_FAULTS_LOG=Information (or Debug) shows what the services did when a fault test needs reading.
        settings["Logging:LogLevel:Default"] = Environment.GetEnvironmentVariable("TS_FAULTS_LOG") ?? "Warning";
        return settings;
    }

    /// <summary>A bus of the test's own on a virtual host, publishing as another service's forwarder would.</summary>
    public static Task<IBusControl> PublisherAsync(TestVirtualHost vhost) => vhost.StartBusAsync();

    public static Task PublishAs<T>(this IBus bus, T message, Guid messageId) where T : class, TrustSafety.Contracts.IIntegrationEvent =>
        bus.Publish(message, context =>
        {
            context.MessageId = messageId;
            context.Headers.Set("tenant-id", message.SchoolUrn);
        });
}

public static class Processes
{
    /// <summary>Runs a command to completion and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stdout + await stderr);
    }
}
