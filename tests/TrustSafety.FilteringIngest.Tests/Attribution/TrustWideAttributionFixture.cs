namespace TrustSafety.FilteringIngest.Tests.Attribution;

/// <summary>
/// filtering-ingest and the real device-register (listening on a loopback port) on real PostgreSQL, RabbitMQ and the
/// shared identity service: ingest asks device-register with its own client-credentials token (the local-demo secret).
/// </summary>
public sealed class TrustWideAttributionFixture : IAsyncLifetime
{
    public IdentityServer Identity { get; private set; } = null!;
    public ServiceHost<TrustSafety.DeviceRegister.EntryPoint> DeviceRegister { get; private set; } = null!;
    public ServiceHost<EntryPoint> Ingest { get; private set; } = null!;
    private TestDatabase _registerDb = null!;
    private TestDatabase _ingestDb = null!;
    private TestVirtualHost _vhost = null!;

    public async Task InitializeAsync()
    {
        Identity = await IdentityServer.SharedAsync();
        _vhost = await TestVirtualHost.CreateAsync();
        _registerDb = await TestDatabase.CreateAsync("attr_register");
        _ingestDb = await TestDatabase.CreateAsync("attr_ingest");
        DeviceRegister = new(await PlatformSettings.ForAsync(_registerDb, _vhost, Identity, "device-register"), listen: true);

        var settings = await PlatformSettings.ForAsync(_ingestDb, _vhost, Identity, "filtering-ingest");
        settings["Ingest:DeviceRegisterUrl"] = DeviceRegister.Address.ToString();
        // Generous here: a cold device-register compiles its first queries; production keeps 500 ms.
        settings["Ingest:DeviceRegisterTimeout"] = "00:00:10";
        settings["Ingest:ServiceClient:TokenTimeout"] = "00:00:10";
        settings["Ingest:Syslog:TcpPort"] = "0";
        settings["Ingest:Syslog:UdpPort"] = "0";
        Ingest = new(settings);

        using var register = DeviceRegister.CreateClient();
        using var ingest = Ingest.CreateClient();
        await Eventually.True(async () => (await register.GetAsync("/health/ready")).IsSuccessStatusCode
            && (await ingest.GetAsync("/health/ready")).IsSuccessStatusCode, TimeSpan.FromSeconds(30), "device-register and filtering-ingest ready");
    }

    public async Task<HttpClient> RegisterClientFor(string user) => await Identity.ClientForAsync(user, DeviceRegister.CreateClient());
    public async Task<HttpClient> IngestClientFor(string user) => await Identity.ClientForAsync(user, Ingest.CreateClient());

    public async Task<SourceWithSecret> RegisterTrustWideSourceAsync(string name)
    {
        using var admin = await IngestClientFor("it.admin");
        var response = await admin.PostAsJsonAsync("/sources", new { name, format = "canonical-json" });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SourceWithSecret>())!;
    }

    public async Task<HttpResponseMessage> SendSigned(Guid sourceId, string secret, string body)
    {
        var id = "msg_" + Guid.NewGuid().ToString("N");
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var bytes = System.Text.Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/{sourceId}") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", ts.ToString());
        request.Headers.Add("webhook-signature", StandardWebhookSignature.Sign(secret, id, ts, bytes));
        using var client = Ingest.CreateClient();
        return await client.SendAsync(request);
    }

    public async Task DisposeAsync()
    {
        await Ingest.DisposeAsync();
        await DeviceRegister.DisposeAsync();
        await _vhost.DisposeAsync();
        await _ingestDb.DisposeAsync();
        await _registerDb.DisposeAsync();
    }
}
