using TrustSafety.Testing;

namespace TrustSafety.EndToEnd.Tests;

/// <summary>
/// The platform as a user meets it: identity, incident and reporting on loopback ports behind the real gateway,
/// each service with its own database, all sharing one RabbitMQ virtual host — reached through a
/// <see cref="ChaosProxy"/> so a test can take the broker away.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    private readonly Owned _owned = new();

    public IdentityServer Identity { get; private set; } = null!;
    public ChaosProxy Broker { get; private set; } = null!;
    public ServiceHost<TrustSafety.Gateway.EntryPoint> Gateway { get; private set; } = null!;
    public ServiceHost<TrustSafety.Incident.EntryPoint> Incident { get; private set; } = null!;
    public ServiceHost<TrustSafety.Reporting.EntryPoint> Reporting { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Identity = await IdentityServer.SharedAsync();
        var rabbit = await TestServers.RabbitAsync();
        var vhost = Own(await TestVirtualHost.CreateAsync());
        Broker = Own(new ChaosProxy(rabbit.Host, rabbit.Port));

        Incident = Own(new ServiceHost<TrustSafety.Incident.EntryPoint>(
            await SettingsFor("incident", vhost), listen: true));
        Reporting = Own(new ServiceHost<TrustSafety.Reporting.EntryPoint>(
            await SettingsFor("reporting", vhost), listen: true));

        var gateway = new Dictionary<string, string?>
        {
            ["Authentication:Authority"] = Identity.Issuer,
            ["ReverseProxy:Clusters:incident:Destinations:d1:Address"] = Incident.Address.ToString(),
            ["ReverseProxy:Clusters:reporting:Destinations:d1:Address"] = Reporting.Address.ToString(),
            ["ReverseProxy:Clusters:identity:Destinations:d1:Address"] = Identity.Issuer,
            ["Gateway:RateLimits:PerClientPerSecond"] = "20",
            ["Gateway:RateLimits:PerClientBurst"] = "40",
        };
        Gateway = Own(new ServiceHost<TrustSafety.Gateway.EntryPoint>(gateway, listen: true));
    }

    private async Task<Dictionary<string, string?>> SettingsFor(string service, TestVirtualHost vhost)
    {
        var database = Own(await TestDatabase.CreateAsync(service.Replace('-', '_')));
        var settings = await PlatformSettings.ForAsync(database, vhost, Identity, service);
        settings["RabbitMq:Host"] = "127.0.0.1";
        settings["RabbitMq:Port"] = Broker.Port.ToString();
        return settings;
    }

    /// <summary>A client of the gateway as a real user would call it, with that user's token.</summary>
    public async Task<HttpClient> GatewayClientFor(string? username)
    {
        var client = new HttpClient { BaseAddress = Gateway.Address };
        return username is null ? client : await Identity.ClientForAsync(username, client);
    }

    private T Own<T>(T disposable) where T : IAsyncDisposable => _owned.Add(disposable);

    public async Task DisposeAsync()
    {
        await _owned.DisposeAsync();
    }
}
