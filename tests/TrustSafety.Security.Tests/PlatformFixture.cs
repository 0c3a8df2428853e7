using System.Net.Http.Json;
using System.Text.Json;
using TrustSafety.Testing;

namespace TrustSafety.Security.Tests;

/// <summary>
/// The whole platform as an attacker meets it: identity, the five services on loopback ports, each with its own
/// database, one shared RabbitMQ virtual host, and the real gateway in front. Gateway rate limits are raised so
/// the matrix (hundreds of requests from few users) measures authorization, not throttling.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public const string Blakehill = "141001";
    public const string Caldecote = "141002";
    private readonly Owned _owned = new();

    public IdentityServer Identity { get; private set; } = null!;
    public ServiceHost<TrustSafety.Gateway.EntryPoint> Gateway { get; private set; } = null!;
    public ServiceHost<TrustSafety.Incident.EntryPoint> Incident { get; private set; } = null!;
    public ServiceHost<TrustSafety.Reporting.EntryPoint> Reporting { get; private set; } = null!;
    public ServiceHost<TrustSafety.Consent.EntryPoint> Consent { get; private set; } = null!;
    public ServiceHost<TrustSafety.DeviceRegister.EntryPoint> DeviceRegister { get; private set; } = null!;
    public ServiceHost<TrustSafety.FilteringIngest.EntryPoint> FilteringIngest { get; private set; } = null!;
    public ServiceHost<TrustSafety.Notifications.EntryPoint> Notifications { get; private set; } = null!;
    public ServiceHost<TrustSafety.Governance.EntryPoint> Governance { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Identity = await IdentityServer.SharedAsync();
        var vhost = Own(await TestVirtualHost.CreateAsync());

        Incident = Own(new ServiceHost<TrustSafety.Incident.EntryPoint>(await SettingsFor("incident", vhost), listen: true));
        Reporting = Own(new ServiceHost<TrustSafety.Reporting.EntryPoint>(await SettingsFor("reporting", vhost), listen: true));
        Consent = Own(new ServiceHost<TrustSafety.Consent.EntryPoint>(await SettingsFor("consent", vhost), listen: true));
        DeviceRegister = Own(new ServiceHost<TrustSafety.DeviceRegister.EntryPoint>(await SettingsFor("device-register", vhost), listen: true));
        var ingest = await SettingsFor("filtering-ingest", vhost);
        ingest["Ingest:DeviceRegisterUrl"] = DeviceRegister.Address.ToString();
        ingest["Ingest:Syslog:TcpPort"] = "-1";
        ingest["Ingest:Syslog:UdpPort"] = "-1";
        // The matrix probes webhooks with made-up source ids hundreds of times from one address.
        ingest["Ingest:FailingCallerPerMinute"] = "100000";
        ingest["Ingest:FailingCallerBurst"] = "100000";
        FilteringIngest = Own(new ServiceHost<TrustSafety.FilteringIngest.EntryPoint>(ingest, listen: true));
        var notifications = await SettingsFor("notifications", vhost);
        notifications["Notifications:Smtp:Port"] = FreePort.Next().ToString(); // no relay: emails are recorded as failing
        Notifications = Own(new ServiceHost<TrustSafety.Notifications.EntryPoint>(notifications, listen: true));
        Governance = Own(new ServiceHost<TrustSafety.Governance.EntryPoint>(await SettingsFor("governance", vhost), listen: true));

        var gateway = new Dictionary<string, string?>
        {
            ["Authentication:Authority"] = Identity.Issuer,
            ["ReverseProxy:Clusters:incident:Destinations:d1:Address"] = Incident.Address.ToString(),
            ["ReverseProxy:Clusters:reporting:Destinations:d1:Address"] = Reporting.Address.ToString(),
            ["ReverseProxy:Clusters:consent:Destinations:d1:Address"] = Consent.Address.ToString(),
            ["ReverseProxy:Clusters:device-register:Destinations:d1:Address"] = DeviceRegister.Address.ToString(),
            ["ReverseProxy:Clusters:filtering-ingest:Destinations:d1:Address"] = FilteringIngest.Address.ToString(),
            ["ReverseProxy:Clusters:notifications:Destinations:d1:Address"] = Notifications.Address.ToString(),
            ["ReverseProxy:Clusters:governance:Destinations:d1:Address"] = Governance.Address.ToString(),
            ["ReverseProxy:Clusters:identity:Destinations:d1:Address"] = Identity.Issuer,
            ["Gateway:RateLimits:PerClientPerSecond"] = "100000",
            ["Gateway:RateLimits:PerClientBurst"] = "100000",
        };
        Gateway = Own(new ServiceHost<TrustSafety.Gateway.EntryPoint>(gateway, listen: true));
    }

    private async Task<Dictionary<string, string?>> SettingsFor(string service, TestVirtualHost vhost)
    {
        var database = Own(await TestDatabase.CreateAsync(service.Replace('-', '_')));
        return await PlatformSettings.ForAsync(database, vhost, Identity, service);
    }

    /// <summary>A client of the gateway with <paramref name="username"/>'s real token, or none.</summary>
    public async Task<HttpClient> GatewayClientFor(string? username)
    {
        var client = new HttpClient { BaseAddress = Gateway.Address, Timeout = TimeSpan.FromSeconds(60) };
        return username is null ? client : await Identity.ClientForAsync(username, client);
    }

    /// <summary>POSTs <paramref name="body"/> as <paramref name="username"/> and returns the JSON answer, failing on anything but 2xx.</summary>
    public async Task<JsonElement> PostAsync(string username, string path, object body)
    {
        using var client = await GatewayClientFor(username);
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{username} POST {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>PUTs <paramref name="body"/> as <paramref name="username"/> (with If-Match when given), failing on anything but 2xx.</summary>
    public async Task PutAsync(string username, string path, object body, string? ifMatch = null)
    {
        using var client = await GatewayClientFor(username);
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        using var response = await client.SendAsync(request);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{username} PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private T Own<T>(T disposable) where T : IAsyncDisposable => _owned.Add(disposable);

    public async Task DisposeAsync()
    {
        await _owned.DisposeAsync();
    }
}
