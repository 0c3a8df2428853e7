using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using MassTransit;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TrustSafety.Testing;

namespace TrustSafety.Notifications.Tests.Fixtures;

/// <summary>
/// The notifications service on its own PostgreSQL database and RabbitMQ vhost, a real SMTP server, and a fake clock
/// that starts before dawn on a Monday (London): tests move it to the digest time instead of waiting for it.
/// </summary>
public sealed class DigestFixture : IAsyncLifetime
{
    /// <summary>Monday 7 December 2026, 06:00 in London (GMT).</summary>
    public static readonly DateTimeOffset Start = new(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);

    private TestDatabase _db = null!;
    private TestVirtualHost _vhost = null!;
    private ServiceHost<EntryPoint> _host = null!;

    public FakeTimeProvider Clock { get; } = new(Start);
    public IdentityServer Identity { get; private set; } = null!;
    public Mailbox Mailbox { get; private set; } = null!;
    public WebApplicationFactory<EntryPoint> App { get; private set; } = null!;
    public IBus Bus => App.Services.GetRequiredService<IBus>();
    public IDocumentStore Store => App.Services.GetRequiredService<IDocumentStore>();

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
        _host = new ServiceHost<EntryPoint>(settings);
        App = _host.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            // Tokens are issued on real time; only the service's own decisions run on the fake clock.
            s.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o => o.TimeProvider = TimeProvider.System);
        }));
        using var anonymous = App.CreateClient();
        await Eventually.True(async () => (await anonymous.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60), "notifications is ready (database and bus)");
    }

    public async Task<HttpClient> ClientFor(string user) => await Identity.ClientForAsync(user, App.CreateClient());

    /// <summary>Sets <paramref name="user"/>'s own preferences and returns their subject id.</summary>
    public async Task<string> PreferencesAsync(string user, object preferences)
    {
        using var client = await ClientFor(user);
        using var response = await client.PutAsJsonAsync("/preferences", preferences);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Moves the clock to <paramref name="local"/> London time (GMT in December); time only moves forward.</summary>
    public void MoveTo(DateTime local)
    {
        var target = new DateTimeOffset(local, TimeSpan.Zero);
        if (target > Clock.GetUtcNow()) Clock.SetUtcNow(target);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await _host.DisposeAsync();
        await Mailbox.DisposeAsync();
        await _vhost.DisposeAsync();
        await _db.DisposeAsync();
    }
}
