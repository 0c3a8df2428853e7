using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace TrustSafety.Telemetry;

public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>
    /// Port of the internal listener serving only <c>GET /metrics</c> (Prometheus). 0 = no scrape endpoint at all.
    /// Never the public port: the gateway routes only public ports, so metrics cannot be reached through it.
    /// </summary>
    public int Port { get; set; }

    /// <summary>Address the metrics listener binds: an IP address, or <c>*</c> for every interface (in a pod).</summary>
    public string Address { get; set; } = "127.0.0.1";
}

/// <summary>
/// A second, separate Kestrel server inside the process that serves the Prometheus scrape of this process's
/// metrics and nothing else. Kept apart from the application's own server so that no route, middleware or
/// forwarded request of the public API can reach it, whichever way the public port is configured.
/// </summary>
public sealed partial class MetricsListener(IOptions<MetricsOptions> options, MeterProvider meterProvider, ILogger<MetricsListener> logger)
    : IHostedService, IAsyncDisposable
{
    public const string Path = "/metrics";
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Port == 0) return;

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, "");
        builder.WebHost.UseSetting("http_ports", "");
        builder.WebHost.UseSetting("https_ports", "");
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            if (settings.Address == "*") k.ListenAnyIP(settings.Port);
            else k.Listen(IPAddress.Parse(settings.Address), settings.Port);
        });
        var app = builder.Build();
        app.MapPrometheusScrapingEndpoint(Path, meterProvider, configureBranchedPipeline: null, optionsName: null);
        app.MapFallback(() => Results.NotFound());
        await app.StartAsync(cancellationToken);
        _app = app;
        Listening(logger, settings.Address, settings.Port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null) await _app.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _app = null;
    }

    [LoggerMessage(LogLevel.Information, "Metrics (Prometheus) served on the internal listener {Address}:{Port} at /metrics only")]
    private static partial void Listening(ILogger logger, string address, int port);
}
