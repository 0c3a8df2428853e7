using MassTransit;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;
using TrustSafety.Contracts;

namespace TrustSafety.Reporting.Tests;

/// <summary>The reporting service on real PostgreSQL and RabbitMQ (own database and vhost), with real identity tokens.</summary>
public class ReportingFixture : IAsyncLifetime
{
    public IdentityServer Identity { get; private set; } = null!;
    private TestDatabase _db = null!;
    private TestVirtualHost _vhost = null!;
    public ServiceHost<EntryPoint> Host { get; private set; } = null!;
    /// <summary>The host as tests reach it (a derived fixture may replace services, e.g. the clock).</summary>
    public WebApplicationFactory<EntryPoint> App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Identity = await IdentityServer.SharedAsync();
        _db = await TestDatabase.CreateAsync("reporting");
        _vhost = await TestVirtualHost.CreateAsync();
        var settings = await PlatformSettings.ForAsync(_db, _vhost, Identity, "reporting");
        Configure(settings);
        Host = new(settings);
        App = Customise(Host);
        using var anonymous = App.CreateClient();
        await Eventually.True(async () => (await anonymous.GetAsync("/health/ready")).IsSuccessStatusCode,
            TimeSpan.FromSeconds(60), "reporting ready (database and bus)");
    }

    protected virtual void Configure(Dictionary<string, string?> settings) { }
    protected virtual WebApplicationFactory<EntryPoint> Customise(ServiceHost<EntryPoint> host) => host;

    public async Task<HttpClient> ClientFor(string user) => await Identity.ClientForAsync(user, App.CreateClient());

    /// <summary>Publishes an integration event as its publishing service's forwarder would (MessageId = its event id).</summary>
    public async Task Publish<T>(T message, Guid? messageId = null) where T : class, IIntegrationEvent
    {
        var bus = App.Services.GetRequiredService<IBus>();
        await bus.Publish(message, ctx =>
        {
            ctx.MessageId = messageId ?? Guid.NewGuid();
            ctx.Headers.Set("tenant-id", message.SchoolUrn);
        });
    }

    public async Task<JsonNode> GetJson(string user, string url)
    {
        using var client = await ClientFor(user);
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {url} as {user}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    public async Task DisposeAsync()
    {
        if (!ReferenceEquals(App, Host)) await App.DisposeAsync();
        await Host.DisposeAsync();
        await _vhost.DisposeAsync();
        await _db.DisposeAsync();
    }
}

/// <summary>
/// Reporting with its clock pinned when the fixture starts: tests derive "today" and "this month" from <see cref="Clock"/>,
/// never from the wall clock, so a test running across midnight or a month end sees the same periods as the service.
/// </summary>
public class ClockedReportingFixture : ReportingFixture
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override WebApplicationFactory<EntryPoint> Customise(ServiceHost<EntryPoint> host) =>
        host.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock)));
}

/// <summary>Grants expire: the grant tests move the clock.</summary>
public sealed class GrantsFixture : ClockedReportingFixture;

public static class Json
{
    public static JsonNode? Find(this JsonNode node, string arrayName, Func<JsonNode, bool> match) =>
        node[arrayName]!.AsArray().FirstOrDefault(n => n is not null && match(n));

    public static string Str(this JsonNode? node) => node!.GetValue<string>();
    public static int Int(this JsonNode? node) => node!.GetValue<int>();
}
