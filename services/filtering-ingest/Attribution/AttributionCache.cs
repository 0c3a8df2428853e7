using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace TrustSafety.FilteringIngest.Attribution;

/// <summary>
/// device-register's answers per identity and hour, each for <see cref="IngestOptions.AttributionCacheFor"/> (failures for
/// less). At most <see cref="IngestOptions.AttributionCacheEntries"/> are kept: a trust-wide source sending ever-new
/// identities cannot grow memory without bound. Once full, a new answer is not kept (that lookup is asked again next time)
/// and the cache compacts the entries closest to expiry in the background.
/// </summary>
public sealed class AttributionCache(IOptions<IngestOptions> options) : IDisposable
{
    private readonly MemoryCache _answers = new(new MemoryCacheOptions
    {
        SizeLimit = Math.Max(1, options.Value.AttributionCacheEntries),
        ExpirationScanFrequency = TimeSpan.FromSeconds(30),
    });

    public bool TryGet(string key, out Attributed? answer) => _answers.TryGetValue(key, out answer);

    public void Set(string key, Attributed answer, TimeSpan keepFor) =>
        _answers.Set(key, answer, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = keepFor });

    /// <summary>Answers held now (never more than the configured bound).</summary>
    public int Count => _answers.Count;

    public void Dispose() => _answers.Dispose();
}
