using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace TrustSafety.Dashboard.Tests;

/// <summary>
/// Like <see cref="ServiceHost{TEntryPoint}"/> (listening on a loopback port), plus service registrations applied after
/// the service's own: used only to work around a service defect until its owner fixes it (see DashboardFixture).
/// </summary>
public sealed class AdjustedHost<TEntryPoint> : WebApplicationFactory<TEntryPoint> where TEntryPoint : class
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection> _adjust;

    public AdjustedHost(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection> adjust)
    {
        _settings = settings;
        _adjust = adjust;
        UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0)); // see ServiceHost: never a "localhost" port found free beforehand
        lock (HostStarts.Gate) StartServer();
        Port = FreePort.BoundBy(Services);
    }

    public int Port { get; }
    public Uri Address => new($"http://127.0.0.1:{Port}/");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(_adjust);
    }

    protected override Microsoft.Extensions.Hosting.IHost CreateHost(Microsoft.Extensions.Hosting.IHostBuilder builder)
    {
        lock (HostStarts.Gate) return base.CreateHost(builder);
    }
}
