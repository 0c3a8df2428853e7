using MassTransit;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Time.Testing;
using TrustSafety.Contracts;

namespace TrustSafety.Reporting.Tests.Fixtures;

/// <summary>The reporting service on real PostgreSQL and RabbitMQ (own database and vhost), with real identity tokens.</summary>
public class ReportingFixture : IAsyncLifetime
{
    private ServiceUnderTest<EntryPoint> _service = null!;
    public IdentityServer Identity => _service.Identity;
    public ServiceHost<EntryPoint> Host => _service.Host;
    /// <summary>The host as tests reach it (a derived fixture may replace services, e.g. the clock).</summary>
    public WebApplicationFactory<EntryPoint> App => _service.App;

    public async Task InitializeAsync() =>
        _service = await ServiceUnderTest<EntryPoint>.StartAsync("reporting", Configure, services: TestServices,
            readyWithin: TimeSpan.FromSeconds(60));

    protected virtual void Configure(Dictionary<string, string?> settings) { }

    /// <summary>Services a derived fixture replaces (none: tests reach <see cref="Host"/> itself).</summary>
    protected virtual Action<IServiceCollection>? TestServices => null;

    public Task<HttpClient> ClientFor(string user) => _service.ClientFor(user);

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

    public async Task DisposeAsync() => await _service.DisposeAsync();
}

/// <summary>
/// Reporting with its clock pinned when the fixture starts: tests derive "today" and "this month" from <see cref="Clock"/>,
/// never from the wall clock, so a test running across midnight or a month end sees the same periods as the service.
/// </summary>
public class ClockedReportingFixture : ReportingFixture
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    // Only the service's TimeProvider, as before (the clock: option would also keep token validation on real time).
    protected override Action<IServiceCollection>? TestServices => s => s.AddSingleton<TimeProvider>(Clock);
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
