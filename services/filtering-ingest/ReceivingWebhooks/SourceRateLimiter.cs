using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using TrustSafety.FilteringIngest.Sources;

namespace TrustSafety.FilteringIngest.ReceivingWebhooks;

/// <summary>
/// Per-source token bucket (requests per second, one second of burst), in process: each replica limits its share.
/// Partitioned limiters drop a bucket once it is idle and full again, so their memory follows live traffic, not history.
/// </summary>
public sealed class SourceRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<(Guid Source, int PerSecond)> _buckets =
        PartitionedRateLimiter.Create<(Guid Source, int PerSecond), (Guid, int)>(key =>
            RateLimitPartition.GetTokenBucketLimiter(key, k => Bucket(k.Item2)));

    /// <summary>
    /// A bucket of one second's requests, refilled about every 100 ms at exactly the source's rate: at 2 a second one
    /// request every 500 ms (not one every 100 ms, which was 10 a second), at 15 two every 133 ms.
    /// </summary>
    internal static TokenBucketRateLimiterOptions Bucket(int perSecond)
    {
        var rate = Math.Max(1, perSecond);
        var tokens = (rate + 9) / 10;
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = rate,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1) * tokens / rate,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    /// <summary>Null when allowed; otherwise how long the source should wait.</summary>
    public TimeSpan? TryAcquire(Guid sourceId, int perSecond)
    {
        using var lease = _buckets.AttemptAcquire((sourceId, perSecond));
        return lease.IsAcquired ? null : RetryAfter(lease);
    }

    internal static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) && retry > TimeSpan.Zero ? retry : TimeSpan.FromSeconds(1);

    public void Dispose() => _buckets.Dispose();
}

/// <summary>
/// Per caller (remote address) budget of failed webhook requests: unknown source ids, bad signatures, wrong tokens.
/// A caller over it gets 429 before any lookup, so probing made-up ids costs neither a query nor a cache entry.
/// </summary>
public sealed class FailingCallerLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _callers;
    private readonly IPNetwork[] _proxies;
    private readonly TimeSpan _replenishment;

    public FailingCallerLimiter(IOptions<IngestOptions> options)
    {
        var o = options.Value;
        _proxies = o.TrustedProxies.Select(p => SenderAllowList.TryParse(p, out var n) ? n : (IPNetwork?)null)
            .OfType<IPNetwork>().ToArray();
        _replenishment = TimeSpan.FromMinutes(1) / Math.Max(1, o.FailingCallerPerMinute);
        _callers = PartitionedRateLimiter.Create<string, string>(caller =>
            RateLimitPartition.GetTokenBucketLimiter(caller, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, o.FailingCallerBurst),
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromMinutes(1) / Math.Max(1, o.FailingCallerPerMinute),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    /// <summary>The caller: the connection's address, or the gateway's X-Forwarded-For when the connection is a trusted proxy.</summary>
    public string CallerOf(HttpContext http)
    {
        var peer = http.Connection.RemoteIpAddress;
        if (peer is not null && peer.IsIPv4MappedToIPv6) peer = peer.MapToIPv4();
        if (peer is not null && _proxies.Any(p => p.Contains(peer))
            && http.Request.Headers["X-Forwarded-For"].ToString().Split(',').LastOrDefault()?.Trim() is { Length: > 0 } forwarded
            && IPAddress.TryParse(forwarded, out var client))
            return client.ToString();
        return peer?.ToString() ?? "unknown";
    }

    /// <summary>
    /// Whether the caller has used up its failures: checked before anything else, consumes nothing. Reads the bucket's
    /// available permits rather than acquiring zero permits, whose answer on an empty bucket the runtime does not keep
    /// stable (on this machine's runtime a zero-permit acquire succeeded on an empty bucket, so no caller was ever limited).
    /// </summary>
    public TimeSpan? Blocked(HttpContext http) =>
        _callers.GetStatistics(CallerOf(http)) is { CurrentAvailablePermits: <= 0 } ? _replenishment : null;

    public void RecordFailure(HttpContext http)
    {
        using var _ = _callers.AttemptAcquire(CallerOf(http));
    }

    public void Dispose() => _callers.Dispose();
}
