using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace TrustSafety.Telemetry;

/// <summary>Traces, metrics and logs for every process of the platform (identity included).</summary>
public static class PlatformTelemetry
{
    public const string SourceName = "TrustSafety";
    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// Tags Marten's instruments may keep. Marten labels its counters with the tenant (<c>tenant_id</c> = the school
    /// URN) and its daemon histograms with the database (a school's own, for a school with a database of its own): an
    /// allow-list rather than dropping known tags, so a tenant tag under another name in a later Marten stays out too.
    /// </summary>
    public static readonly string[] MartenTagKeys = ["event_type", "event.type", "aggregate.type", "fetch.plan"];

    /// <summary>
    /// ASP.NET Core, HttpClient, runtime, plus the named sources (MassTransit, Marten, Npgsql, YARP…); the Prometheus
    /// scrape endpoint on its own internal listener (<see cref="MetricsListener"/>, only when <c>Metrics:Port</c> is
    /// set), OTLP export only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. No metric carries a school id.
    /// </summary>
    public static WebApplicationBuilder AddPlatformTelemetry(this WebApplicationBuilder builder, string serviceName,
        params string[] extraSources)
    {
        // First, before any configuration validation looks a zone up (consent validates Europe/London at start).
        Hosting.TimeZoneData.EnsureAvailable();
        builder.Logging.AddOpenTelemetry(o => { o.IncludeFormattedMessage = true; o.IncludeScopes = true; });
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                .AddHttpClientInstrumentation()
                .AddSource([SourceName, "TrustSafety.Forwarder", .. extraSources]))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter([SourceName, .. extraSources])
                .AddView(instrument => instrument.Meter.Name == "Marten"
                    ? new MetricStreamConfiguration { TagKeys = MartenTagKeys }
                    : null)
                .AddPrometheusExporter());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            otel.UseOtlpExporter();

        builder.Services.AddOptions<MetricsOptions>()
            .BindConfiguration(MetricsOptions.Section)
            .Validate(o => o.Port is >= 0 and <= 65535, "Metrics:Port must be 0 (off) or a TCP port.")
            .Validate(o => o.Address == "*" || System.Net.IPAddress.TryParse(o.Address, out _), "Metrics:Address must be an IP address or *.")
            .ValidateOnStart();
        builder.Services.AddHostedService<MetricsListener>();
        return builder;
    }
}
