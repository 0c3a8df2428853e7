using Microsoft.Extensions.Diagnostics.HealthChecks;
using Yarp.ReverseProxy.Configuration;

namespace TrustSafety.Gateway.Health;

/// <summary>The gateway is ready when every service behind it answers its own /health/ready.</summary>
public sealed class DownstreamReadiness(IProxyConfigProvider proxy, IHttpClientFactory clients) : IHealthCheck
{
    public const string ClientName = "downstream-health";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var http = clients.CreateClient(ClientName);
        var checks = proxy.GetConfig().Clusters
            .SelectMany(c => (c.Destinations ?? new Dictionary<string, DestinationConfig>()).Values.Select(d => (c.ClusterId, d.Address)))
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
        var notReady = results.Where(r => !r.Ready).Select(r => r.ClusterId).Distinct().ToArray();
        var data = results.ToDictionary(r => r.ClusterId, r => (object)(r.Ready ? "ready" : "not ready"));
        return notReady.Length == 0
            ? HealthCheckResult.Healthy("All services ready", data)
            : HealthCheckResult.Unhealthy("Not ready: " + string.Join(", ", notReady), data: data);
    }
}
