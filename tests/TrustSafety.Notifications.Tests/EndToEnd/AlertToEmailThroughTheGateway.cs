using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MimeKit;
using TrustSafety.FilteringIngest.Receiving;
using TrustSafety.Testing;

namespace TrustSafety.Notifications.Tests.EndToEnd;

/// <summary>
/// The DSL's morning as it happens: identity, filtering-ingest, device-register, incident and notifications on loopback
/// ports behind the real gateway, one RabbitMQ virtual host, the school's relay a real SMTP server.
/// </summary>
public sealed class AlertPlatform : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];
    public IdentityServer Identity { get; private set; } = null!;
    public Mailbox Mailbox { get; private set; } = null!;
    public ServiceHost<TrustSafety.Gateway.EntryPoint> Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Identity = await IdentityServer.SharedAsync();
        var vhost = Own(await TestVirtualHost.CreateAsync());
        Mailbox = Own(Mailbox.Start());

        var incident = Own(new ServiceHost<TrustSafety.Incident.EntryPoint>(await SettingsFor("incident", vhost), listen: true));
        var devices = Own(new ServiceHost<TrustSafety.DeviceRegister.EntryPoint>(await SettingsFor("device-register", vhost), listen: true));
        var ingestSettings = await SettingsFor("filtering-ingest", vhost);
        ingestSettings["Ingest:DeviceRegisterUrl"] = devices.Address.ToString();
        ingestSettings["Ingest:Syslog:TcpPort"] = "-1";
        ingestSettings["Ingest:Syslog:UdpPort"] = "-1";
        var ingest = Own(new ServiceHost<TrustSafety.FilteringIngest.EntryPoint>(ingestSettings, listen: true));
        var notifySettings = await SettingsFor("notifications", vhost);
        notifySettings["Notifications:Smtp:Port"] = Mailbox.Port.ToString();
        notifySettings["Notifications:Delivery:PollInterval"] = "00:00:00.200";
        var notifications = Own(new ServiceHost<EntryPoint>(notifySettings, listen: true));

        Gateway = Own(new ServiceHost<TrustSafety.Gateway.EntryPoint>(new Dictionary<string, string?>
        {
            ["Authentication:Authority"] = Identity.Issuer,
            ["ReverseProxy:Clusters:incident:Destinations:d1:Address"] = incident.Address.ToString(),
            ["ReverseProxy:Clusters:device-register:Destinations:d1:Address"] = devices.Address.ToString(),
            ["ReverseProxy:Clusters:filtering-ingest:Destinations:d1:Address"] = ingest.Address.ToString(),
            ["ReverseProxy:Clusters:notifications:Destinations:d1:Address"] = notifications.Address.ToString(),
            ["ReverseProxy:Clusters:identity:Destinations:d1:Address"] = Identity.Issuer,
        }, listen: true));
    }

    private async Task<Dictionary<string, string?>> SettingsFor(string service, TestVirtualHost vhost) =>
        await PlatformSettings.ForAsync(Own(await TestDatabase.CreateAsync(service.Replace('-', '_'))), vhost, Identity, service);

    public async Task<HttpClient> ClientFor(string? user)
    {
        var client = new HttpClient { BaseAddress = Gateway.Address, Timeout = TimeSpan.FromSeconds(60) };
        return user is null ? client : await Identity.ClientForAsync(user, client);
    }

    private T Own<T>(T disposable) where T : IAsyncDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    public async Task DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--) await _owned[i].DisposeAsync();
    }
}

public sealed class AlertToEmailThroughTheGateway(AlertPlatform platform) : IClassFixture<AlertPlatform>
{
    [Fact]
    public async Task a_vendors_signed_self_harm_alert_opens_a_concern_and_emails_the_dsl_within_seconds_without_naming_the_pupil()
    {
        using var dsl = await platform.ClientFor("dsl.blakehill");
        (await dsl.PutAsJsonAsync("/api/notifications/preferences", new { email = "dsl@blakehill.example" })).EnsureSuccessStatusCode();
        using var admin = await platform.ClientFor("it.blakehill");
        var created = await (await admin.PostAsJsonAsync("/api/filtering-ingest/sources",
            new { name = "Blakehill web filter", format = "canonical-json" })).Content.ReadFromJsonAsync<JsonElement>();
        var source = created.GetProperty("source").GetProperty("id").GetString();
        var secret = created.GetProperty("secret").GetString()!;

        const string pupil = "pupil-417-jsmith";
        const string search = "how to hurt myself without anyone knowing";
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new[]
        {
            new
            {
                occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1), sourceEventId = "sw-" + Guid.NewGuid().ToString("N"),
                subject = new { user = pupil }, device = new { ip = "10.1.4.23" },
                activity = new { action = "Blocked", searchTerm = search },
                classification = new { categoryLabel = "self-harm", severity = 4 },
            },
        }));
        var id = "msg_" + Guid.NewGuid().ToString("N");
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var vendor = await platform.ClientFor(null);
        using var webhook = new HttpRequestMessage(HttpMethod.Post, $"/api/filtering-ingest/webhooks/{source}")
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        webhook.Headers.Add("webhook-id", id);
        webhook.Headers.Add("webhook-timestamp", ts.ToString());
        webhook.Headers.Add("webhook-signature", StandardWebhookSignature.Sign(secret, id, ts, body));
        var sentAt = DateTime.UtcNow;
        (await vendor.SendAsync(webhook)).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var email = (await Eventually.Returns(() => Task.FromResult(platform.Mailbox.Received
                .Where(m => m.To.Mailboxes.Any(a => a.Address == "dsl@blakehill.example")).ToList()),
            m => m.Count > 0, TimeSpan.FromSeconds(60), "the DSL's email on the SMTP server"))[0];
        var seconds = (DateTime.UtcNow - sentAt).TotalSeconds;
        using (var raw = new MemoryStream())
        {
            email.WriteTo(raw);
            var text = Encoding.UTF8.GetString(raw.ToArray());
            foreach (var secretDetail in new[] { pupil, "jsmith", search, "self-harm", "10.1.4.23" })
                text.ShouldNotContain(secretDetail, Case.Insensitive, $"the email names case detail: {secretDetail}");
        }
        email.Subject!.ShouldContain("immediate attention");

        // The concern the alert opened is the DSL's to triage; the centre links to it.
        var concern = await Eventually.Returns(async () =>
        {
            var centre = await dsl.GetFromJsonAsync<JsonElement>("/api/notifications/notifications?pageSize=50");
            return centre.GetProperty("items").EnumerateArray().FirstOrDefault(n => n.GetProperty("kind").GetString() == "concern-reported");
        }, n => n.ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(60), "the concern in the DSL's notification centre");
        var incidentId = concern.GetProperty("link").GetString()!.Split("#/incidents/")[1];
        var incident = await dsl.GetFromJsonAsync<JsonElement>($"/api/incident/incidents/{incidentId}");
        incident.GetProperty("source").GetString().ShouldBe("filter-alert");
        // One email for one thing: the alert's; the concern it opened is in-app only.
        platform.Mailbox.Received.Count(m => m.To.Mailboxes.Any(a => a.Address == "dsl@blakehill.example")).ShouldBe(1);
        Console.WriteLine($"vendor webhook -> DSL email: {seconds:F1} s");
    }
}
