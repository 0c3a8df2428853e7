using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace TrustSafety.Testing;

/// <summary>
/// A real service host for tests: its own database and virtual host, tokens validated against the real
/// identity service. With <c>listen: true</c> it serves on a loopback port (for the gateway and end-to-end tests).
/// </summary>
public sealed class ServiceHost<TEntryPoint> : WebApplicationFactory<TEntryPoint> where TEntryPoint : class
{
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public ServiceHost(IReadOnlyDictionary<string, string?> settings, bool listen = false, int? listenOn = null)
    {
        _settings = settings;
        if (listen || listenOn is not null)
        {
            // 127.0.0.1 only, and by default port 0 (the system picks a free port as Kestrel binds it). A "localhost"
            // binding on a port found free beforehand was misrouted in a full run: another test process took 127.0.0.1:P
            // meanwhile, Kestrel only warns when one loopback of "localhost" is taken and served on [::1]:P, and this
            // test's requests to 127.0.0.1:P reached the other process's host (CallerLimitTests saw its limits, not ours).
            UseKestrel(o => o.Listen(IPAddress.Loopback, listenOn ?? 0));
            lock (HostStarts.Gate) StartServer();
            Port = listenOn ?? FreePort.BoundBy(Services);
        }
    }

    public int Port { get; }
    public Uri Address => new($"http://127.0.0.1:{Port}/");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    // Hosts started lazily (first CreateClient or Services) and hosts derived with WithWebHostBuilder build here too.
    protected override IHost CreateHost(IHostBuilder builder)
    {
        lock (HostStarts.Gate) return base.CreateHost(builder);
    }
}

/// <summary>
/// WebApplicationFactory finds the host an entry point builds through a process-wide diagnostic listener: two hosts of
/// one entry point building at once (test classes run in parallel, each with its own platform) can catch each other's
/// host — one then runs without its test's settings, or fails with "Addresses cannot be modified after the server has
/// started". Every test host in a test process builds under this one gate.
/// </summary>
public static class HostStarts
{
    public static readonly object Gate = new();
}

public static class PlatformSettings
{
    /// <summary>The configuration every service reads (docs/layout.md), pointed at this test's servers.</summary>
    public static async Task<Dictionary<string, string?>> ForAsync(TestDatabase database, TestVirtualHost vhost, IdentityServer identity,
        string service)
    {
        var rabbit = await TestServers.RabbitAsync();
        return new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = database.ConnectionString,
            ["RabbitMq:Host"] = rabbit.Host,
            ["RabbitMq:Port"] = rabbit.Port.ToString(),
            ["RabbitMq:Username"] = rabbit.Username,
            ["RabbitMq:Password"] = rabbit.Password,
            ["RabbitMq:VirtualHost"] = vhost.Name,
            ["RabbitMq:EndpointPrefix"] = vhost.EndpointPrefix is null ? service : $"{vhost.EndpointPrefix}-{service}",
            ["Authentication:Authority"] = identity.Issuer,
            ["Authentication:Audience"] = "trustsafety-api",
            ["Authentication:RequireHttpsMetadata"] = "false",
            ["Daemon:HeartbeatInterval"] = "00:00:01",
            ["Daemon:RetryInterval"] = "00:00:01",
        };
    }
}

public static class FreePort
{
    /// <summary>The port a started host's Kestrel bound (started with port 0).</summary>
    public static int BoundBy(IServiceProvider services)
    {
        var addresses = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return addresses.Select(a => new Uri(a).Port).First(p => p != 0);
    }

    /// <summary>
    /// Starts something on a port found free, and tries again on another when the port was taken in between. A port is
    /// only free until someone binds it: with every test project running at once (and the kernel handing the same range
    /// to outgoing connections), a port <see cref="Next"/> returned can be in use by the time a second listener — e.g. a
    /// service's internal metrics listener — binds it ("Address already in use"). Any other failure is thrown as it is.
    /// </summary>
    public static async Task<T> StartOnFreeAsync<T>(Func<int, Task<T>> start, int attempts = 5)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return await start(Next()); }
            catch (Exception e) when (attempt < attempts && IsAddressInUse(e)) { }
        }
    }

    private static bool IsAddressInUse(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }) return true;
            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsAddressInUse)) return true;
        }
        return false;
    }

    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
