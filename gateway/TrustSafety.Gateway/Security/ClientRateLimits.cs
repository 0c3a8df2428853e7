using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Gateway.Security;

public sealed class RateLimitOptions
{
    public const string Section = "Gateway:RateLimits";
    /// <summary>Requests per second for one signed-in user (or one address when anonymous).</summary>
    public int PerClientPerSecond { get; set; } = 50;
    public int PerClientBurst { get; set; } = 200;
    /// <summary>Requests per second for one vendor source's webhook.</summary>
    public int PerSourcePerSecond { get; set; } = 5000;
    public int PerSourceBurst { get; set; } = 10000;
}

public static class ClientRateLimits
{
    /// <summary>
    /// Token buckets per client: the token's subject, else the caller's address (the client named by a trusted proxy's
    /// X-Forwarded-For, see <c>ForwardedHeaders:TrustedProxies</c>); per source id for webhooks.
    /// </summary>
    public static WebApplicationBuilder AddClientRateLimits(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var path = http.Request.Path;
                // Probes are never limited; /health/downstream (one request to every service per call) is.
                if (path.StartsWithSegments("/health/live", StringComparison.Ordinal) || path.StartsWithSegments("/health/ready", StringComparison.Ordinal) || path.StartsWithSegments("/metrics", StringComparison.Ordinal))
                    return RateLimitPartition.GetNoLimiter("health");
                if (path.StartsWithSegments("/api/filtering-ingest/webhooks", StringComparison.Ordinal, out var rest))
                {
                    var source = rest.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "unknown";
                    return Bucket("source:" + source, options.PerSourcePerSecond, options.PerSourceBurst);
                }
                var client = http.User.FindFirst(PlatformClaims.Subject)?.Value
                    ?? "ip:" + http.Connection.RemoteIpAddress;
                return Bucket(client, options.PerClientPerSecond, options.PerClientBurst);
            });
            limiter.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                var http = context.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = 429, Title = "Too many requests",
                        Detail = $"This client is over its request rate. Retry after {retryAfter} s.",
                    },
                });
            };
        });
        return builder;
    }

    private static RateLimitPartition<string> Bucket(string key, int perSecond, int burst) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
}
