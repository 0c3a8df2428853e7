using Marten;
using MassTransit;
using Microsoft.AspNetCore.Mvc.Testing;
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

    private ServiceUnderTest<EntryPoint> _service = null!;

    public FakeTimeProvider Clock { get; } = new(Start);
    public IdentityServer Identity => _service.Identity;
    public Mailbox Mailbox { get; private set; } = null!;
    public WebApplicationFactory<EntryPoint> App => _service.App;
    public IBus Bus => App.Services.GetRequiredService<IBus>();
    public IDocumentStore Store => App.Services.GetRequiredService<IDocumentStore>();

    public async Task InitializeAsync()
    {
        Mailbox = Mailbox.Start();
        _service = await ServiceUnderTest<EntryPoint>.StartAsync("notifications", Mailbox.RelayFor, clock: Clock,
            readyWithin: TimeSpan.FromSeconds(60));
    }

    public Task<HttpClient> ClientFor(string user) => _service.ClientFor(user);

    /// <summary>Sets <paramref name="user"/>'s own preferences and returns their subject id.</summary>
    public async Task<string> PreferencesAsync(string user, object preferences)
    {
        using var client = await ClientFor(user);
        return await Preferences.SetAsync(client, preferences);
    }

    /// <summary>Moves the clock to <paramref name="local"/> London time (GMT in December); time only moves forward.</summary>
    public void MoveTo(DateTime local)
    {
        var target = new DateTimeOffset(local, TimeSpan.Zero);
        if (target > Clock.GetUtcNow()) Clock.SetUtcNow(target);
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await Mailbox.DisposeAsync();
    }
}
