using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace TrustSafety.Governance.Tests.Fixtures;

/// <summary>
/// The governance service on a real PostgreSQL database and RabbitMQ vhost of its own, real identity tokens, and a fake
/// clock: tests move time (annual reviews, training falling due) instead of waiting.
/// </summary>
public sealed class GovernanceFixture : IAsyncLifetime
{
    /// <summary>A Tuesday in the autumn term of 2026/27.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 10, 10, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);
    public IdentityServer Identity { get; private set; } = null!;
    public WebApplicationFactory<EntryPoint> App { get; private set; } = null!;
    private TestDatabase _db = null!;
    private TestVirtualHost _vhost = null!;
    private ServiceHost<EntryPoint> _host = null!;

    public async Task InitializeAsync()
    {
        Identity = await IdentityServer.SharedAsync();
        _db = await TestDatabase.CreateAsync("governance");
        _vhost = await TestVirtualHost.CreateAsync();
        _host = new(await PlatformSettings.ForAsync(_db, _vhost, Identity, "governance"));
        App = _host.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            s.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o => o.TimeProvider = TimeProvider.System);
        }));
        using var anonymous = App.CreateClient();
        await Eventually.True(async () => (await anonymous.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "governance is ready (database and bus)");
    }

    public async Task<HttpClient> ClientFor(string user) => await Identity.ClientForAsync(user, App.CreateClient());

    public IBus Bus => App.Services.GetRequiredService<IBus>();

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    public void Advance(TimeSpan by) => Clock.Advance(by);

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await _host.DisposeAsync();
        await _vhost.DisposeAsync();
        await _db.DisposeAsync();
    }
}

public static class Http
{
    public static async Task<JsonElement> Ok(this Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>PUT a record that does not exist yet: If-Match "0" (the change path answers 428 without it).</summary>
    public static async Task<HttpResponseMessage> PutNewAsync(this HttpClient client, string url, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        return await client.SendAsync(request);
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body, long? ETag)> Send(this HttpClient client, HttpMethod method, string url,
        object? body = null, long? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", $"\"{ifMatch}\"");
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var etag = response.Headers.ETag?.Tag is { } tag ? long.Parse(tag.Trim('"')) : (long?)null;
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), etag);
    }
}
