using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using RabbitMQ.Client;

// Signs Standard Webhooks requests like a vendor and measures accepted throughput and latency on loopback.
// Usage: see bench/run.sh. Output: one JSON object on stdout.
var options = Options.Parse(args);
var result = options.Mode switch
{
    "register" => await Commands.Register(options),
    "batch" or "single" => await Commands.Load(options),
    "copy" => await Commands.CopyBaseline(options),
    "freshness" => await ReportingFreshness.Run(options),
    _ => throw new ArgumentException("mode: register | batch | single | copy | freshness", nameof(args)),
};
Console.WriteLine(JsonSerializer.Serialize(result));

internal sealed record Options(
    string Mode, string Url, string TokenUrl, string User, string SourceId, string Secret, int Batch, int Concurrency,
    TimeSpan Duration, int Rate, string? Postgres, int Rows, string? RabbitVhost, string RabbitHost, string? School,
    string ReportingUrl, int Markers, int IntervalMs, int PollMs)
{
    public static Options Parse(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2) map[args[i].TrimStart('-')] = args[i + 1];
        string Get(string key, string fallback) => map.GetValueOrDefault(key, fallback);
        return new Options(Get("mode", "batch"), Get("url", "http://127.0.0.1:5104").TrimEnd('/'), Get("token-url", "http://127.0.0.1:5090/connect/token"),
            Get("user", "it.admin"), Get("source", ""), Get("secret", ""), int.Parse(Get("batch", "100"), System.Globalization.CultureInfo.InvariantCulture), int.Parse(Get("concurrency", "8"), System.Globalization.CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(double.Parse(Get("seconds", "15"), System.Globalization.CultureInfo.InvariantCulture)), int.Parse(Get("rate", "0"), System.Globalization.CultureInfo.InvariantCulture),
            map.GetValueOrDefault("postgres"), int.Parse(Get("rows", "200000"), System.Globalization.CultureInfo.InvariantCulture), map.GetValueOrDefault("rabbit-vhost"), Get("rabbit-host", "127.0.0.1"),
            map.GetValueOrDefault("school"), Get("reporting-url", "http://127.0.0.1:5105").TrimEnd('/'), int.Parse(Get("markers", "40"), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Get("interval-ms", "500"), System.Globalization.CultureInfo.InvariantCulture), int.Parse(Get("poll-ms", "50"), System.Globalization.CultureInfo.InvariantCulture));
    }
}

internal static class Commands
{
    public static async Task<object> Register(Options o)
    {
        using var http = await SignedIn(o);
        var (source, secret) = await RegisterSource(http, o.Url, o.School ?? "141001", "bench");
        return new { source, secret };
    }

    public static async Task<HttpClient> SignedIn(Options o)
    {
        var http = new HttpClient();
        var token = await http.PostAsync(o.TokenUrl, new FormUrlEncodedContent(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["grant_type"] = "password", ["client_id"] = "trustsafety-cli", ["username"] = o.User, ["password"] = "demo-password",
            ["scope"] = "openid profile roles school api",
        }));
        token.EnsureSuccessStatusCode();
        var access = JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        return http;
    }

    /// <summary>A canonical-json source with a raised per-source limit (the bench's own; the default stays 2000 req/s).</summary>
    public static async Task<(string Source, string Secret)> RegisterSource(HttpClient http, string url, string school, string name)
    {
        var created = await http.PostAsJsonAsync(url + "/sources", new
        {
            name = name + " " + DateTime.UtcNow.ToString("O"), format = "canonical-json", schoolUrn = school, rateLimitPerSecond = 100000,
        });
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        if (!created.IsSuccessStatusCode) throw new InvalidOperationException(body.ToString());
        return (body.GetProperty("source").GetProperty("id").GetString()!, body.GetProperty("secret").GetString()!);
    }

    public static HttpRequestMessage Signed(string url, string sourceId, byte[] key, string id, byte[] body)
    {
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, $"{url}/webhooks/{sourceId}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", ts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, (byte[])[.. Encoding.UTF8.GetBytes($"{id}.{ts}."), .. body])));
        return request;
    }

    public static byte[] Key(string secret) => Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret[6..] : secret);

    public static async Task<object> Load(Options o)
    {
        var batch = o.Mode == "single" ? 1 : o.Batch;
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = o.Concurrency * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var key = Key(o.Secret);
        var latencies = new ConcurrentBag<double>();
        long accepted = 0, requests = 0, failures = 0;
        var statusCounts = new ConcurrentDictionary<int, int>();
        var stopwatch = Stopwatch.StartNew();
        var freshness = o.RabbitVhost is null ? null : await FreshnessProbe.StartAsync(o.RabbitHost, o.RabbitVhost, stopwatch);
        var deadline = stopwatch.Elapsed + o.Duration;
        var interval = o.Rate > 0 ? TimeSpan.FromSeconds(o.Concurrency / (double)o.Rate) : TimeSpan.Zero;

        async Task Worker(int worker)
        {
            var next = stopwatch.Elapsed;
            var n = 0;
            while (stopwatch.Elapsed < deadline)
            {
                if (interval > TimeSpan.Zero)
                {
                    next += interval;
                    var wait = next - stopwatch.Elapsed;
                    if (wait > TimeSpan.Zero) await Task.Delay(wait);
                }
                var id = $"msg_{worker}_{n++}_{Guid.NewGuid():N}";
                var occurredAt = DateTimeOffset.UtcNow;
                var body = Body(id, batch, occurredAt);
                using var request = Signed(o.Url, o.SourceId, key, id, body);
                var started = stopwatch.Elapsed;
                try
                {
                    using var response = await http.SendAsync(request);
                    var elapsed = (stopwatch.Elapsed - started).TotalMilliseconds;
                    statusCounts.AddOrUpdate((int)response.StatusCode, 1, (_, c) => c + 1);
                    Interlocked.Increment(ref requests);
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        latencies.Add(elapsed);
                        Interlocked.Add(ref accepted, batch);
                        freshness?.Sent(occurredAt.UtcTicks, stopwatch.Elapsed);
                    }
                    else Interlocked.Increment(ref failures);
                }
                catch (Exception) { Interlocked.Increment(ref failures); }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, o.Concurrency).Select(i => Task.Run(() => Worker(i))));
        var seconds = stopwatch.Elapsed.TotalSeconds;
        double? freshnessP95 = freshness is null ? null : await freshness.P95Async(TimeSpan.FromSeconds(15));
        var sorted = latencies.OrderBy(x => x).ToArray();
        double P(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return new
        {
            mode = o.Mode, batch, concurrency = o.Concurrency, targetRate = o.Rate, seconds = Math.Round(seconds, 2),
            requests, failures, accepted_events = accepted,
            requests_per_s = Math.Round(requests / seconds, 1), events_per_s = Math.Round(accepted / seconds, 1),
            p50_ms = Math.Round(P(0.50), 2), p95_ms = Math.Round(P(0.95), 2), p99_ms = Math.Round(P(0.99), 2),
            freshness_p95_ms = freshnessP95 is null ? (double?)null : Math.Round(freshnessP95.Value, 1),
            statuses = statusCounts.ToDictionary(kv => kv.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), kv => kv.Value, StringComparer.Ordinal),
            generator_cpu_s = Math.Round(Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, 1),
        };
    }

    public static byte[] Body(string id, int count, DateTimeOffset now)
    {
        var sb = new StringBuilder(count * 260);
        sb.Append('[');
        for (var i = 0; i < count; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append("{\"occurredAt\":\"").Append(now.ToString("O")).Append("\",\"sourceEventId\":\"").Append(id).Append('-').Append(i)
              .Append("\",\"subject\":{\"user\":\"pupil").Append(i % 400).Append("\"},\"device\":{\"ip\":\"10.1.").Append(i % 200).Append('.').Append(i % 250 + 1)
              .Append("\"},\"activity\":{\"action\":\"").Append(i % 3 == 0 ? "Allowed" : "Blocked").Append("\",\"url\":\"https://site").Append(i % 97)
              .Append(".example/p\"},\"classification\":{\"categoryLabel\":\"").Append(Categories[i % Categories.Length]).Append("\",\"severity\":").Append(1 + i % 3).Append("}}");
        }
        sb.Append(']');
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static readonly string[] Categories = ["gambling", "pornography", "malware-hacking", "drugs", "Knitting", "piracy"];

    /// <summary>Baseline: the same normalised rows COPYed (binary) into a plain table without indexes, one COPY per batch.</summary>
    public static async Task<object> CopyBaseline(Options o)
    {
        await using var connection = new NpgsqlConnection(o.Postgres);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand("""
            drop table if exists bench_copy_baseline;
            create table bench_copy_baseline (source_id uuid, key text, occurred_at timestamptz, vendor text, user_ref text, ip text,
              action text, url text, uksic text, four_c text, severity int, school text)
            """, connection)) await create.ExecuteNonQueryAsync();
        var source = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var stopwatch = Stopwatch.StartNew();
        var written = 0;
        while (written < o.Rows)
        {
            await using var writer = await connection.BeginBinaryImportAsync(
                "copy bench_copy_baseline (source_id, key, occurred_at, vendor, user_ref, ip, action, url, uksic, four_c, severity, school) from stdin (format binary)");
            for (var i = 0; i < o.Batch && written < o.Rows; i++, written++)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(source, NpgsqlDbType.Uuid);
                await writer.WriteAsync($"id:{written}", NpgsqlDbType.Text);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync("canonical", NpgsqlDbType.Text);
                await writer.WriteAsync($"u-{written % 400:x16}", NpgsqlDbType.Text);
                await writer.WriteAsync($"10.1.{written % 200}.{written % 250 + 1}", NpgsqlDbType.Text);
                await writer.WriteAsync(written % 3 == 0 ? "Allowed" : "Blocked", NpgsqlDbType.Text);
                await writer.WriteAsync($"https://site{written % 97}.example/p", NpgsqlDbType.Text);
                await writer.WriteAsync(Categories[written % Categories.Length], NpgsqlDbType.Text);
                await writer.WriteAsync("content", NpgsqlDbType.Text);
                await writer.WriteAsync(1 + written % 3, NpgsqlDbType.Integer);
                await writer.WriteAsync("141001", NpgsqlDbType.Text);
            }
            await writer.CompleteAsync();
        }
        var seconds = stopwatch.Elapsed.TotalSeconds;
        await using (var drop = new NpgsqlCommand("drop table bench_copy_baseline", connection)) await drop.ExecuteNonQueryAsync();
        return new { mode = "copy", rows = written, rows_per_copy = o.Batch, seconds = Math.Round(seconds, 2), copy_rows_per_s = Math.Round(written / seconds, 1) };
    }
}

/// <summary>202 → the FilterEventsAccepted carrying the batch on RabbitMQ (what reporting consumes): the freshness of the pipeline.</summary>
internal sealed class FreshnessProbe
{
    private readonly ConcurrentDictionary<long, TimeSpan> _sent = new();
    private readonly ConcurrentBag<double> _delays = [];
    private readonly Stopwatch _clock;

    private FreshnessProbe(Stopwatch clock) => _clock = clock;

    public static async Task<FreshnessProbe> StartAsync(string host, string vhost, Stopwatch clock)
    {
        var probe = new FreshnessProbe(clock);
        var connection = await new ConnectionFactory { HostName = host, VirtualHost = vhost }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        const string exchange = "trustsafety.filter-events-accepted.v2";
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true);
        var queue = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
        await channel.QueueBindAsync(queue, exchange, "");
        var consumer = new RabbitMQ.Client.Events.AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            var at = probe._clock.Elapsed;
            try
            {
                // A message merges the batches of one school; every batch's first event names its request.
                foreach (var batch in JsonDocument.Parse(delivery.Body).RootElement.GetProperty("message").GetProperty("batches").EnumerateArray())
                {
                    var events = batch.GetProperty("events");
                    if (events.GetArrayLength() == 0) continue;
                    var occurred = events[0].GetProperty("at").GetDateTimeOffset().UtcTicks;
                    if (probe._sent.TryRemove(occurred, out var acceptedAt)) probe._delays.Add((at - acceptedAt).TotalMilliseconds);
                }
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException) { }
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
        return probe;
    }

    /// <summary>Remembers when the 202 came back for the request whose events carry this occurredAt.</summary>
    public void Sent(long occurredTicks, TimeSpan acceptedAt) => _sent.TryAdd(occurredTicks, acceptedAt);

    public async Task<double?> P95Async(TimeSpan drain)
    {
        var until = _clock.Elapsed + drain;
        while (!_sent.IsEmpty && _clock.Elapsed < until) await Task.Delay(100);
        var sorted = _delays.OrderBy(x => x).ToArray();
        return sorted.Length == 0 ? null : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(0.95 * sorted.Length) - 1)];
    }

    public int Pending => _sent.Count;
}

/// <summary>
/// 202 → visible in reporting: every marker goes to a source of its own (registered by the school's IT admin), so
/// reporting's <c>GET /it/coverage</c> (which lists accepted batches per source) shows exactly when each marker's batch
/// reached reporting's read model, in any order. Markers go out every --interval-ms while the bulk load runs elsewhere.
/// </summary>
internal static class ReportingFreshness
{
    public static async Task<object> Run(Options o)
    {
        using var admin = await Commands.SignedIn(o);
        var school = o.School ?? "141001";
        var markers = new List<(string Source, byte[] Key)>();
        for (var i = 0; i < o.Markers; i++)
        {
            var (source, secret) = await Commands.RegisterSource(admin, o.Url, school, $"freshness marker {i}");
            markers.Add((source, Commands.Key(secret)));
        }
        using var vendor = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var clock = Stopwatch.StartNew();
        var accepted = new ConcurrentDictionary<string, TimeSpan>(StringComparer.OrdinalIgnoreCase);
        var visible = new ConcurrentDictionary<string, TimeSpan>(StringComparer.OrdinalIgnoreCase);
        var failures = 0;
        var sending = Task.Run(async () =>
        {
            for (var i = 0; i < markers.Count; i++)
            {
                var due = TimeSpan.FromMilliseconds(i * o.IntervalMs) - clock.Elapsed;
                if (due > TimeSpan.Zero) await Task.Delay(due);
                var id = $"marker_{i}_{Guid.NewGuid():N}";
                using var request = Commands.Signed(o.Url, markers[i].Source, markers[i].Key, id, Commands.Body(id, 1, DateTimeOffset.UtcNow));
                using var response = await vendor.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.Accepted) accepted[markers[i].Source] = clock.Elapsed;
                else Interlocked.Increment(ref failures);
            }
        });
        var deadline = TimeSpan.FromMilliseconds(markers.Count * o.IntervalMs) + TimeSpan.FromSeconds(30);
        var polls = 0;
        while (clock.Elapsed < deadline && (!sending.IsCompleted || visible.Count < accepted.Count))
        {
            using var response = await admin.GetAsync(o.ReportingUrl + "/it/coverage");
            var at = clock.Elapsed;
            polls++;
            if (response.IsSuccessStatusCode)
            {
                using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                foreach (var s in doc.RootElement.GetProperty("schools").EnumerateArray().SelectMany(x => x.GetProperty("sources").EnumerateArray()))
                {
                    var id = s.GetProperty("sourceId").GetString()!;
                    if (accepted.ContainsKey(id)) visible.TryAdd(id, at);
                }
            }
            await Task.Delay(o.PollMs);
        }
        await sending;
        var delays = visible.Select(v => (v.Value - accepted[v.Key]).TotalMilliseconds).Order().ToArray();
        double? P(double q) => delays.Length == 0 ? null : Math.Round(delays[Math.Min(delays.Length - 1, (int)Math.Ceiling(q * delays.Length) - 1)], 1);
        return new
        {
            mode = "freshness", markers = markers.Count, accepted = accepted.Count, visible = visible.Count, failures, polls, poll_ms = o.PollMs,
            freshness_p50_ms = P(0.50), freshness_p95_ms = P(0.95), freshness_max_ms = P(1.0),
        };
    }
}
