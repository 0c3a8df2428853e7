using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using TrustSafety.Testing;

namespace TrustSafety.Notifications.Tests.Fixtures;

/// <summary>
/// The notifications service on its own PostgreSQL database and RabbitMQ virtual host, tokens from the real identity
/// service, mail to a real SMTP server in the test process. Retries are seconds apart so a test sees them happen.
/// </summary>
public class NotificationsFixture : IAsyncLifetime
{
    public const string Blakehill = "141001";
    public const string Caldecote = "141002";
    private ServiceUnderTest<EntryPoint> _service = null!;

    public IdentityServer Identity => _service.Identity;
    public Mailbox Mailbox { get; private set; } = null!;
    public ServiceHost<EntryPoint> Host => _service.Host;
    public IBus Bus => Host.Services.GetRequiredService<IBus>();

    protected virtual string RetryDelays => "00:00:02,00:00:02,00:00:02";

    public async Task InitializeAsync()
    {
        Mailbox = Mailbox.Start();
        _service = await ServiceUnderTest<EntryPoint>.StartAsync("notifications", settings =>
        {
            Mailbox.RelayFor(settings);
            var delays = RetryDelays.Split(',');
            for (var i = 0; i < delays.Length; i++) settings[$"Notifications:Delivery:RetryDelays:{i}"] = delays[i];
        }, readyWithin: TimeSpan.FromSeconds(60));
    }

    public Task<HttpClient> ClientFor(string user) => _service.ClientFor(user);

    /// <summary>Sets <paramref name="user"/>'s own preferences and returns their subject id.</summary>
    public async Task<string> PreferencesAsync(string user, object preferences)
    {
        using var client = await ClientFor(user);
        return await Preferences.SetAsync(client, preferences);
    }

    public async Task<JsonElement> GetJsonAsync(string user, string path)
    {
        using var client = await ClientFor(user);
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The deliveries the DSL (or <paramref name="user"/>) sees for one notice and recipient.</summary>
    public static Guid DeliveryId(string noticeKey, string recipientId) => Notifications.Notices.NoticeRules.IdOf($"email:{noticeKey}:{recipientId}");

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await Mailbox.DisposeAsync();
    }
}

/// <summary>A second platform for the relay-outage tests, which stop its SMTP server.</summary>
public sealed class RelayOutageFixture : NotificationsFixture;
