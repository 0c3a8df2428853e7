using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using RabbitMQ.Client;
using TrustSafety.FilteringIngest.ReceivingSyslog;

namespace TrustSafety.FilteringIngest.Tests.Fixtures;

/// <summary>
/// The service on real PostgreSQL, RabbitMQ and identity, with a stand-in device-register that knows one address:
/// 10.9.0.1 belongs to Caldecote (141002). Syslog listeners on free loopback ports.
/// </summary>
public class IngestApiFixture : IAsyncLifetime
{
    public const string CaldecoteIp = "10.9.0.1";
    public static readonly Guid CaldecoteDevice = Guid.Parse("0196f000-0000-7000-8000-000000000001");
    public IdentityServer Identity => _service.Identity;
    public ServiceHost<EntryPoint> Host => _service.Host;
    private ServiceUnderTest<EntryPoint> _service = null!;
    private WebApplication _deviceRegister = null!;
    private IConnection? _rabbit;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseSetting("urls", "http://127.0.0.1:0"); // the system's free port, taken as it binds
        // Built under the test hosts' gate: a WebApplicationFactory building at the same moment could take this host for its own.
        lock (HostStarts.Gate) _deviceRegister = builder.Build();
        _deviceRegister.MapGet("/attribution", (string ip) => ip == CaldecoteIp
            ? Results.Ok(new { schoolUrn = "141002", deviceId = CaldecoteDevice })
            : Results.NotFound());
        await _deviceRegister.StartAsync();
        var port = new Uri(_deviceRegister.Urls.First()).Port;

        _service = await ServiceUnderTest<EntryPoint>.StartAsync("filtering-ingest", settings =>
        {
            settings["Ingest:DeviceRegisterUrl"] = $"http://127.0.0.1:{port}/";
            // The production bounds (500 ms, token 2 s) are for a register next door; on a loaded 2-core test machine the fake
            // register or the identity service can answer later than that, and the record then stays unattributed (a flake).
            // A lookup that times out routes the event to the unattributed view by design; these tests check routing, not the
            // machine's speed.
            settings["Ingest:DeviceRegisterTimeout"] = "00:00:20";
            settings["Ingest:ServiceClient:TokenTimeout"] = "00:00:20";
            settings["Ingest:Syslog:TcpPort"] = "-1";
            settings["Ingest:Syslog:UdpPort"] = "-1";
            settings["Ingest:Syslog:BindAddress"] = "127.0.0.1";
            settings["Ingest:Syslog:FlushInterval"] = "00:00:00.100";
            settings["Ingest:MaxBodyBytes"] = "65536";
            Configure(settings);
        }, database: "ingest", host: settings => Task.FromResult(new ServiceHost<EntryPoint>(settings, listen: Listen)));
        if (!Listen) _ = Host.Server;
        await Host.Services.GetRequiredService<SyslogListeners>().Bound;
    }

    /// <summary>Settings a test class needs on top of these (a subclass's own fixture).</summary>
    protected virtual void Configure(Dictionary<string, string?> settings) { }

    /// <summary>Serve on a loopback port (real remote addresses) instead of the in-memory test server.</summary>
    protected virtual bool Listen => false;

    public SyslogListeners Syslog => Host.Services.GetRequiredService<SyslogListeners>();

    public async Task<HttpClient> ClientFor(string user) => await Identity.ClientForAsync(user, Anonymous());
    public HttpClient Anonymous() => Listen ? new HttpClient { BaseAddress = Host.Address } : Host.CreateClient();

    public async Task<SourceWithSecret> RegisterAsync(string admin, object command)
    {
        using var client = await ClientFor(admin);
        var response = await client.PostAsJsonAsync("/sources", command);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SourceWithSecret>())!;
    }

    public async Task<HttpResponseMessage> SendSigned(Guid sourceId, string secret, string body, string? webhookId = null,
        DateTimeOffset? at = null, string? contentType = "application/json")
    {
        var id = webhookId ?? "msg_" + Guid.NewGuid().ToString("N");
        var ts = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/{sourceId}") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType ?? "application/json");
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", ts.ToString());
        request.Headers.Add("webhook-signature", StandardWebhookSignature.Sign(secret, id, ts, bytes));
        using var client = Anonymous();
        return await client.SendAsync(request);
    }

    /// <summary>A queue bound to an integration event's exchange on this test's vhost, to see what is published.</summary>
    public async Task<IChannel> BindAsync(string exchange, string queue)
    {
        var rabbit = await TestServers.RabbitAsync();
        var settings = await PlatformSettings.ForAsync(_service.Database, _service.VirtualHost, Identity, "x");
        _rabbit ??= await new ConnectionFactory
        {
            HostName = rabbit.Host, Port = rabbit.Port, UserName = rabbit.Username, Password = rabbit.Password,
            VirtualHost = settings["RabbitMq:VirtualHost"]!,
        }.CreateConnectionAsync();
        var channel = await _rabbit.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true);
        await channel.QueueDeclareAsync(queue, durable: false, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(queue, exchange, "");
        return channel;
    }

    public async Task DisposeAsync()
    {
        if (_rabbit is not null) await _rabbit.DisposeAsync();
        await _service.DisposeAsync();
        await _deviceRegister.DisposeAsync();
    }
}
