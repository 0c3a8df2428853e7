using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace TrustSafety.Testing;

/// <summary>
/// One service as a test fixture starts it: the shared identity service, a database and a virtual host of its own, the
/// platform settings pointed at them, and the service's host — optionally on a fake clock and waited for until ready.
/// Disposing it stops the host, then drops the virtual host and the database.
/// </summary>
public sealed class ServiceUnderTest<TEntryPoint> : IAsyncDisposable where TEntryPoint : class
{
    private ServiceUnderTest(IdentityServer identity, TestDatabase database, TestVirtualHost virtualHost)
    {
        Identity = identity;
        Database = database;
        VirtualHost = virtualHost;
    }

    public IdentityServer Identity { get; }
    public TestDatabase Database { get; }
    public TestVirtualHost VirtualHost { get; }

    /// <summary>The host as configured by the settings; <see cref="App"/> derives from it when services are replaced.</summary>
    public ServiceHost<TEntryPoint> Host { get; private set; } = null!;

    /// <summary>The host as tests reach it: <see cref="Host"/>, or derived from it with the clock and test services.</summary>
    public WebApplicationFactory<TEntryPoint> App { get; private set; } = null!;

    public IServiceProvider Services => App.Services;

    /// <summary>A client of <see cref="App"/> with <paramref name="user"/>'s real token on it.</summary>
    public Task<HttpClient> ClientFor(string user) => Identity.ClientForAsync(user, App.CreateClient());

    /// <param name="service">The service's name: its endpoint prefix on the bus, and the database's unless <paramref name="database"/>.</param>
    /// <param name="settings">Changes to the platform settings before the host is made.</param>
    /// <param name="clock">The service's <see cref="TimeProvider"/>; tokens are still validated on real time (they are issued on it).</param>
    /// <param name="services">Test services replacing the service's own (as <c>ConfigureTestServices</c>).</param>
    /// <param name="database">The database name's prefix, when not the service's name.</param>
    /// <param name="readyWithin">Waits for <c>/health/ready</c> (database and bus) this long; without it, no wait.</param>
    /// <param name="host">Makes (and may start) the host from the settings, instead of <c>new ServiceHost(settings)</c>.</param>
    public static async Task<ServiceUnderTest<TEntryPoint>> StartAsync(string service,
        Action<Dictionary<string, string?>>? settings = null, TimeProvider? clock = null, Action<IServiceCollection>? services = null,
        string? database = null, TimeSpan? readyWithin = null,
        Func<Dictionary<string, string?>, Task<ServiceHost<TEntryPoint>>>? host = null)
    {
        var identity = await IdentityServer.SharedAsync();
        var db = await TestDatabase.CreateAsync(database ?? service);
        var started = new ServiceUnderTest<TEntryPoint>(identity, db, await TestVirtualHost.CreateAsync());
        try
        {
            var configuration = await PlatformSettings.ForAsync(db, started.VirtualHost, identity, service);
            settings?.Invoke(configuration);
            started.Host = host is null ? new ServiceHost<TEntryPoint>(configuration) : await host(configuration);
            started.App = clock is null && services is null
                ? started.Host
                : started.Host.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
                {
                    if (clock is not null)
                    {
                        s.AddSingleton<TimeProvider>(clock);
                        // Tokens are issued on real time; only the service's own decisions run on the fake clock.
                        s.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o => o.TimeProvider = TimeProvider.System);
                    }
                    services?.Invoke(s);
                }));
            if (readyWithin is { } deadline)
            {
                using var anonymous = started.App.CreateClient();
                await Eventually.True(async () => (await anonymous.GetAsync("/health/ready")).IsSuccessStatusCode, deadline,
                    $"{service} ready (database and bus)");
            }
        }
        catch
        {
            await started.DisposeAsync(); // a start that failed or never became ready leaves no host, virtual host or database
            throw;
        }
        return started;
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null && !ReferenceEquals(App, Host)) await App.DisposeAsync();
        if (Host is not null) await Host.DisposeAsync();
        await VirtualHost.DisposeAsync();
        await Database.DisposeAsync();
    }
}
