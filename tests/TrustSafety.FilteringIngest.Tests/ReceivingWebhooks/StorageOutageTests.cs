using Npgsql;

namespace TrustSafety.FilteringIngest.Tests.ReceivingWebhooks;

/// <summary>The service reaches PostgreSQL through a proxy this class can cut, without disturbing anyone else's tests.</summary>
public sealed class StorageOutageFixture : IAsyncLifetime
{
    public IdentityServer Identity { get; private set; } = null!;
    public ServiceHost<EntryPoint> Host { get; private set; } = null!;
    public ChaosProxy Postgres { get; private set; } = null!;
    private TestDatabase _db = null!;
    private TestVirtualHost _vhost = null!;

    public async Task InitializeAsync()
    {
        Identity = await IdentityServer.SharedAsync();
        _db = await TestDatabase.CreateAsync("ingest_outage");
        _vhost = await TestVirtualHost.CreateAsync();
        var target = new NpgsqlConnectionStringBuilder(_db.ConnectionString);
        Postgres = new ChaosProxy(target.Host!, target.Port);
        var settings = await PlatformSettings.ForAsync(_db, _vhost, Identity, "filtering-ingest");
        settings["ConnectionStrings:Postgres"] = new NpgsqlConnectionStringBuilder(_db.ConnectionString)
            { Host = "127.0.0.1", Port = Postgres.Port, Timeout = 3, CommandTimeout = 5 }.ConnectionString;
        settings["Ingest:Syslog:TcpPort"] = "0";
        settings["Ingest:Syslog:UdpPort"] = "0";
        Host = new ServiceHost<EntryPoint>(settings);
        _ = Host.Server;
    }

    public async Task DisposeAsync()
    {
        Postgres.Restore();
        await Host.DisposeAsync();
        await Postgres.DisposeAsync();
        await _vhost.DisposeAsync();
        await _db.DisposeAsync();
    }
}

public sealed class StorageOutageTests(StorageOutageFixture f) : IClassFixture<StorageOutageFixture>
{
    [Fact]
    public async Task with_postgresql_down_a_batch_gets_503_with_retry_after_and_the_retry_stores_it_exactly_once()
    {
        using var admin = await f.Identity.ClientForAsync("it.blakehill", f.Host.CreateClient());
        var created = (await (await admin.PostAsJsonAsync("/sources", new { name = "outage", format = "canonical-json" }))
            .Content.ReadFromJsonAsync<SourceWithSecret>())!;
        var body = JsonSerializer.Serialize(Enumerable.Range(0, 50).Select(i => new
        {
            occurredAt = DateTimeOffset.UtcNow, sourceEventId = $"outage-{i}", activity = new { action = "Blocked" },
        }));
        var receiver = new SignedSender(f.Host.CreateClient(), created.Source.Id, created.Secret);
        (await receiver.Send(body, "warm-up-" + Guid.NewGuid())).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        f.Postgres.Cut();
        var during = await receiver.Send(body.Replace("outage-", "second-"), "msg_outage");
        during.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, await during.Content.ReadAsStringAsync());
        during.Headers.RetryAfter.ShouldNotBeNull();

        f.Postgres.Restore();
        var retried = await Eventually.Returns(() => receiver.Send(body.Replace("outage-", "second-"), "msg_outage"),
            r => r.StatusCode == HttpStatusCode.Accepted, TimeSpan.FromSeconds(30), "retry accepted after PostgreSQL returns");
        var counts = (await retried.Content.ReadFromJsonAsync<IngestAccepted>())!;
        (counts.Accepted, counts.Duplicate).ShouldBe((50, 0), "nothing of the failed attempt was half-stored");
    }

    private sealed class SignedSender(HttpClient client, Guid sourceId, string secret)
    {
        public async Task<HttpResponseMessage> Send(string body, string id)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(body);
            var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/{sourceId}") { Content = new ByteArrayContent(bytes) };
            request.Headers.Add("webhook-id", id);
            request.Headers.Add("webhook-timestamp", ts.ToString());
            request.Headers.Add("webhook-signature", StandardWebhookSignature.Sign(secret, id, ts, bytes));
            return await client.SendAsync(request);
        }
    }
}
