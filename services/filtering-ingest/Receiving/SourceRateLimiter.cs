using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace TrustSafety.FilteringIngest.Receiving;

/// <summary>Per-source token bucket (requests per second, one second of burst), in process: each replica limits its share.</summary>
public sealed class SourceRateLimiter : IDisposable
{
    private readonly ConcurrentDictionary<(Guid, int), TokenBucketRateLimiter> _buckets = new();

    /// <summary>Null when allowed; otherwise how long the source should wait.</summary>
    public TimeSpan? TryAcquire(Guid sourceId, int perSecond)
    {
        var bucket = _buckets.GetOrAdd((sourceId, perSecond), key => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, key.Item2),
            TokensPerPeriod = Math.Max(1, key.Item2 / 10),
            ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
        using var lease = bucket.AttemptAcquire();
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) && retry > TimeSpan.Zero ? retry : TimeSpan.FromSeconds(1);
    }

    public void Dispose()
    {
        foreach (var bucket in _buckets.Values) bucket.Dispose();
    }
}
