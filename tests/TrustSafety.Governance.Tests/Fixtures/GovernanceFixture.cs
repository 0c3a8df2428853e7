using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Mvc.Testing;
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
    public IdentityServer Identity => _service.Identity;
    public WebApplicationFactory<EntryPoint> App => _service.App;
    private ServiceUnderTest<EntryPoint> _service = null!;

    public async Task InitializeAsync() =>
        _service = await ServiceUnderTest<EntryPoint>.StartAsync("governance", clock: Clock, readyWithin: TimeSpan.FromSeconds(60));

    public Task<HttpClient> ClientFor(string user) => _service.ClientFor(user);

    public IBus Bus => App.Services.GetRequiredService<IBus>();

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    public void Advance(TimeSpan by) => Clock.Advance(by);

    public async Task DisposeAsync() => await _service.DisposeAsync();
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
