using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Yarp.ReverseProxy.Configuration;

namespace TrustSafety.Gateway.Health;

/// <summary>
/// The state of every service behind the gateway (each one's own /health/ready), served at
/// <c>/health/downstream</c> for people and dashboards. It does not gate the gateway's readiness: one failing service
/// must not take the whole site (and every other service's routes) out of the load balancer; the gateway is ready when
/// it can serve, and a route to a failing service answers 502/503 on its own.
/// </summary>
public sealed class DownstreamReadiness(IProxyConfigProvider proxy, IHttpClientFactory clients) : IHealthCheck
{
    public const string ClientName = "downstream-health";
    public const string Tag = "downstream";
    public const string Path = "/health/downstream";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var http = clients.CreateClient(ClientName);
        var checks = proxy.GetConfig().Clusters
            .SelectMany(c => (c.Destinations ?? new Dictionary<string, DestinationConfig>(StringComparer.Ordinal)).Values.Select(d => (c.ClusterId, d.Address)))
            .Select(async x =>
            {
                try
                {
                    using var response = await http.GetAsync(new Uri(new Uri(x.Address), "health/ready"), ct);
                    return (x.ClusterId, Ready: response.IsSuccessStatusCode);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    return (x.ClusterId, Ready: false);
                }
            });
        var results = await Task.WhenAll(checks);
        var notReady = results.Where(r => !r.Ready).Select(r => r.ClusterId).Distinct(StringComparer.Ordinal).ToArray();
        var data = results.GroupBy(r => r.ClusterId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (object)(g.All(r => r.Ready) ? "ready" : "not ready"), StringComparer.Ordinal);
        return notReady.Length == 0
            ? HealthCheckResult.Healthy("All services ready", data)
            : HealthCheckResult.Degraded("Not ready: " + string.Join(", ", notReady), data: data);
    }

    /// <summary><c>GET /health/downstream</c>: 200 with <c>{"status", "services": {name: "ready" | "not ready"}}</c>.</summary>
    public static IEndpointRouteBuilder MapDownstreamStatus(IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(Path, new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(Tag),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status200OK,
            },
            ResponseWriter = async (http, report) =>
            {
                http.Response.ContentType = "application/json";
                var services = report.Entries.Values.SelectMany(e => e.Data)
                    .ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal);
                await http.Response.WriteAsync(JsonSerializer.Serialize(new { status = report.Status.ToString(), services }));
            },
        }).AllowAnonymous();
        return app;
    }
}
