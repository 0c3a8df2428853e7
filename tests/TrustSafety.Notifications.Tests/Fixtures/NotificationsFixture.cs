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
    private TestDatabase _db = null!;
    private TestVirtualHost _vhost = null!;

    public IdentityServer Identity { get; private set; } = null!;
    public Mailbox Mailbox { get; private set; } = null!;
    public ServiceHost<EntryPoint> Host { get; private set; } = null!;
    public IBus Bus => Host.Services.GetRequiredService<IBus>();

    protected virtual string RetryDelays => "00:00:02,00:00:02,00:00:02";

    public async Task InitializeAsync()
    {
        Identity = await IdentityServer.SharedAsync();
        _db = await TestDatabase.CreateAsync("notifications");
        _vhost = await TestVirtualHost.CreateAsync();
        Mailbox = Mailbox.Start();
        var settings = await PlatformSettings.ForAsync(_db, _vhost, Identity, "notifications");
        settings["Notifications:Smtp:Host"] = "127.0.0.1";
        settings["Notifications:Smtp:Port"] = Mailbox.Port.ToString();
        settings["Notifications:Smtp:Timeout"] = "00:00:05";
        settings["Notifications:DashboardBaseUrl"] = "https://safeguarding.three-rivers.test/";
        settings["Notifications:Delivery:PollInterval"] = "00:00:00.200";
        var delays = RetryDelays.Split(',');
        for (var i = 0; i < delays.Length; i++) settings[$"Notifications:Delivery:RetryDelays:{i}"] = delays[i];
        Host = new ServiceHost<EntryPoint>(settings);
        using var anonymous = Host.CreateClient();
        await Eventually.True(async () => (await anonymous.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "notifications is ready (database and bus)");
    }

    public async Task<HttpClient> ClientFor(string user) => await Identity.ClientForAsync(user, Host.CreateClient());

    /// <summary>Sets <paramref name="user"/>'s own preferences and returns their subject id.</summary>
    public async Task<string> PreferencesAsync(string user, object preferences)
    {
        using var client = await ClientFor(user);
        using var response = await client.PutAsJsonAsync("/preferences", preferences);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
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
        await Host.DisposeAsync();
        await Mailbox.DisposeAsync();
        await _vhost.DisposeAsync();
        await _db.DisposeAsync();
    }
}

/// <summary>A second platform for the relay-outage tests, which stop its SMTP server.</summary>
public sealed class RelayOutageFixture : NotificationsFixture;
