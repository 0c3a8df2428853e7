using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrustSafety.Security.Tests.Matrix;
using TrustSafety.Testing;

namespace TrustSafety.Security.Tests;

/// <summary>
/// Request size, JSON depth, slow bodies and CSV bounds, through the gateway. Rate limits per client are tested in
/// tests/TrustSafety.EndToEnd.Tests (gateway) and per ingest source in tests/TrustSafety.FilteringIngest.Tests.
/// </summary>
public sealed class AbuseLimitTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    /// <summary>Every write in the matrix, sent by the first caller the matrix authorises for it.</summary>
    public static TheoryData<string> Writes()
    {
        var data = new TheoryData<string>();
        foreach (var e in Endpoints.All.Where(e => e.Verb is "POST" or "PUT" && !e.Path.Contains("{fresh-source}"))) data.Add(e.Key);
        return data;
    }

    private async Task<(HttpClient Client, string Path)> AuthorisedFor(string key)
    {
        var endpoint = Endpoints.All.Single(e => e.Key == key);
        var row = MatrixDocument.Read().Single(r => r.Key == key);
        // Webhooks are anonymous at the gateway (the signature is checked on the raw body, after the size limit).
        var subject = Subject.All.FirstOrDefault(s => s.User is not null && row.Cells[s.Column].Own is not (401 or 403))
            ?? Subject.All.Single(s => s.Column == "anonymous");
        var path = endpoint.Path.Replace("{incident}", Guid.NewGuid().ToString()).Replace("{device}", Guid.NewGuid().ToString())
            .Replace("{source}", Guid.NewGuid().ToString()).Replace("{random}", Guid.NewGuid().ToString())
            .Replace("{pupil}", "P-1").Replace("{code}", "c").Replace("{person}", "p");
        return (await platform.GatewayClientFor(subject.User), path);
    }

    /// <summary>Writes whose body is JSON (CSV imports, uploads and signed webhooks read their raw body).</summary>
    public static TheoryData<string> JsonWrites()
    {
        var data = new TheoryData<string>();
        foreach (var key in Writes().Select(static (object[] row) => (string)row[0]))
            if (!key.Contains("/import") && !key.Contains("/uploads") && !key.Contains("/webhooks/")) data.Add(key);
        return data;
    }

    /// <summary>The headers the authorised caller sends: its token, the content type and an If-Match.</summary>
    private static List<KeyValuePair<string, string>> HeadersOf(HttpClient client, string contentType)
    {
        var headers = new List<KeyValuePair<string, string>> { new("Content-Type", contentType), new("If-Match", "\"1\"") };
        if (client.DefaultRequestHeaders.Authorization is { } authorization) headers.Add(new("Authorization", authorization.ToString()));
        return headers;
    }

    [Theory, MemberData(nameof(Writes))]
    public async Task a_body_over_the_limit_is_refused_with_413_problem_details_on_every_write(string key)
    {
        var (client, path) = await AuthorisedFor(key);
        using (client)
        {
            // Vendor bodies (webhooks, uploads) have their own, larger limit; every other write has 1 MB.
            var size = IsVendorBody(path) ? VendorBodyBytes + 10 : 1_100_000;
            var big = Encoding.UTF8.GetBytes("{\"padding\":\"" + new string('x', size) + "\"}");
            var contentType = path.Contains("/import") || path.Contains("/uploads") ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
            // The gateway may answer 413 and close before the body is sent: the answer is read whatever happens to the body.
            var answer = await EarlyAnswerHttp.SendAsync(client.BaseAddress!, key.Split(' ')[0], path, HeadersOf(client, contentType), big);
            answer.Status.ShouldBe(413, answer.Body);
            answer.MediaType.ShouldBe("application/problem+json", answer.Body);
        }
    }


    /// <summary>The one documented vendor body limit (README, docs/operations.md): gateway and filtering-ingest alike.</summary>
    private const int VendorBodyBytes = 5 * 1024 * 1024;

    private static bool IsVendorBody(string path) => path.Contains("/filtering-ingest/webhooks/") || path.EndsWith("/uploads");

    [Fact]
    public void the_gateway_and_filtering_ingest_are_configured_with_the_same_vendor_body_limit()
    {
        var gateway = platform.Gateway.Services.GetRequiredService<IOptions<TrustSafety.Gateway.Security.BodyLimitOptions>>().Value;
        var ingest = platform.FilteringIngest.Services.GetRequiredService<IOptions<TrustSafety.FilteringIngest.IngestOptions>>().Value;
        gateway.VendorBodyBytes.ShouldBe(ingest.MaxBodyBytes);
        gateway.VendorBodyBytes.ShouldBe(VendorBodyBytes);
    }

    [Fact]
    public async Task a_webhook_body_under_the_documented_limit_but_over_one_megabyte_is_accepted_through_the_gateway()
    {
        var source = await platform.PostAsync("it.blakehill", "/api/filtering-ingest/sources",
            new { name = "big batches " + Guid.NewGuid().ToString("N")[..8], format = "canonical-json" });
        var sourceId = source.GetProperty("source").GetProperty("id").GetString()!;
        var secret = source.GetProperty("secret").GetString()!;
        var tag = Guid.NewGuid().ToString("N")[..10];
        var one = JsonSerializer.Serialize(new { occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1), sourceEventId = tag,
            activity = new { action = "Blocked", url = "https://example.org/" + tag }, classification = new { categoryLabel = "gambling" } });
        var body = Encoding.UTF8.GetBytes("[" + one + new string(' ', 2 * 1024 * 1024) + "]");
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/filtering-ingest/webhooks/{sourceId}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", "msg_" + tag);
        request.Headers.Add("webhook-timestamp", ts.ToString());
        request.Headers.Add("webhook-signature", TrustSafety.FilteringIngest.ReceivingWebhooks.StandardWebhookSignature.Sign(secret, "msg_" + tag, ts, body));
        request.Headers.ExpectContinue = true;
        using var client = await platform.GatewayClientFor(null);

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("gateway")]
    [InlineData("service")]
    public async Task a_webhook_body_over_the_documented_limit_is_413_problem_details_naming_the_limit_at_gateway_and_service(string entrance)
    {
        var (address, path) = entrance == "gateway"
            ? (platform.Gateway.Address, $"/api/filtering-ingest/webhooks/{Guid.NewGuid()}")
            : (platform.FilteringIngest.Address, $"/webhooks/{Guid.NewGuid()}");
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(new byte[VendorBodyBytes + 1]) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.ExpectContinue = true;

        using var response = await client.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge, text);
        response.Content.Headers.ContentType.ShouldNotBeNull().MediaType.ShouldBe("application/problem+json");
        JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString()!.ShouldContain(VendorBodyBytes.ToString());
    }

    [Theory, MemberData(nameof(JsonWrites))]
    public async Task deeply_nested_json_is_a_400_problem_never_a_500(string key)
    {
        var (client, path) = await AuthorisedFor(key);
        using (client)
        {
            var nested = string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200);
            using var request = new HttpRequestMessage(new HttpMethod(key.Split(' ')[0]), path)
            {
                Content = new StringContent(nested, Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            ((int)response.StatusCode).ShouldBeLessThan(500, body);
            if (JsonBound.Contains(key)) response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
            if ((int)response.StatusCode >= 400) response.Content.Headers.ContentType.ShouldNotBeNull(body).MediaType.ShouldBe("application/problem+json", body);
        }
    }

    /// <summary>Writes whose handler binds a JSON body (others take none, or read the raw body themselves).</summary>
    private static readonly string[] JsonBound = Endpoints.All
        .Where(e => e.Body is Body.Concern or Body.Grant or Body.Device or Body.Source).Select(e => e.Key)
        .Concat(["POST /api/incident/incidents/{incident}/triage", "POST /api/reporting/standards/reviews", "POST /api/consent/roster",
            "POST /api/consent/consent-types", "POST /api/device-register/devices/{device}/assignment"]).ToArray();

    [Theory]
    [InlineData("gateway")]
    [InlineData("service")]
    public async Task a_slow_drip_body_is_cut_off_in_bounded_time(string entrance)
    {
        var (port, path) = entrance == "gateway" ? (platform.Gateway.Port, "/api/incident/incidents") : (platform.Incident.Port, "/incidents");
        var token = await platform.Identity.TokenForAsync("dsl.blakehill");
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        var stream = tcp.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: 60000\r\n\r\n{{\"whatHappened\":\"";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        var clock = Stopwatch.StartNew();
        var cutOff = false;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        var reading = ReadUntilClosedAsync(stream, deadline.Token);
        while (!deadline.IsCancellationRequested && !reading.IsCompleted)
        {
            try { await stream.WriteAsync("a"u8.ToArray(), deadline.Token); }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException) { break; }
            await Task.WhenAny(reading, Task.Delay(500, deadline.Token).ContinueWith(_ => { }));
        }
        var answer = await reading;
        cutOff = !deadline.IsCancellationRequested;
        cutOff.ShouldBeTrue($"the server was still accepting a {clock.Elapsed.TotalSeconds:F0} s drip");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30));
        // Valid JSON so far: only the data-rate rule (240 B/s after a 5 s grace) can have ended it, not a parse error.
        clock.Elapsed.ShouldBeGreaterThan(TimeSpan.FromSeconds(4));
        (answer.Length == 0 || answer.StartsWith("HTTP/1.1 408") || answer.StartsWith("HTTP/1.1 400")).ShouldBeTrue(answer);
    }

    private static async Task<string> ReadUntilClosedAsync(NetworkStream stream, CancellationToken ct)
    {
        var buffer = new byte[4096];
        var text = new StringBuilder();
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, ct)) > 0)
            {
                text.Append(Encoding.ASCII.GetString(buffer, 0, read));
                if (text.ToString().Contains("\r\n\r\n")) break;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException) { }
        return text.ToString();
    }

    [Fact]
    public async Task a_device_csv_over_the_row_limit_is_refused_as_a_problem_and_registers_nothing()
    {
        using var it = await platform.GatewayClientFor("it.blakehill");
        var before = (await it.GetStringAsync("/api/device-register/devices")).Length;
        var csv = new StringBuilder("Serial Number,Device Type\n");
        for (var i = 0; i < 5001; i++) csv.Append("R").Append(i).Append(Guid.NewGuid().ToString("N")[..6]).Append(",laptop\n");
        using var response = await it.PostAsync("/api/device-register/devices/import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType.ShouldNotBeNull().MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("errors").GetProperty("file")[0].GetString()!.ShouldContain("5000");
        (await it.GetStringAsync("/api/device-register/devices")).Length.ShouldBe(before);
    }

    [Theory]
    [InlineData("gateway")]
    [InlineData("service")]
    public async Task a_device_csv_over_one_megabyte_is_refused_with_413(string entrance)
    {
        var (address, path) = entrance == "gateway"
            ? (platform.Gateway.Address, "/api/device-register/devices/import")
            : (platform.DeviceRegister.Address, "/devices/import");
        using var it = await platform.Identity.ClientForAsync("it.blakehill", new HttpClient { BaseAddress = address });
        var csv = "Serial Number,Device Type\n" + string.Concat(Enumerable.Repeat("X,laptop" + new string(' ', 200) + "\n", 6000));
        var answer = await EarlyAnswerHttp.SendAsync(address, "POST", path, HeadersOf(it, "text/csv"), Encoding.UTF8.GetBytes(csv));
        answer.Status.ShouldBe(413, answer.Body);
        answer.MediaType.ShouldBe("application/problem+json", answer.Body);
    }
}
