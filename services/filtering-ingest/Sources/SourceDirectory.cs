using Marten;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace TrustSafety.FilteringIngest.Sources;

/// <summary>A source with its secrets decrypted, as the hot path needs it.</summary>
public sealed record ActiveSource(Source Source, IReadOnlyList<(string Secret, DateTimeOffset? ValidUntil)> Secrets)
{
    public IEnumerable<string> ValidSecrets(DateTimeOffset now) =>
        Secrets.Where(s => s.ValidUntil is null || s.ValidUntil > now).Select(s => s.Secret);
}

/// <summary>
/// Sources cached for a few seconds so the hot path does not read PostgreSQL per request; local changes invalidate
/// at once, other replicas see them within <see cref="Ttl"/>. The cache holds at most Ingest:SourceCacheEntries lookups
/// (found or not): a stream of made-up ids is refused entry once it is full instead of growing it.
/// </summary>
public sealed class SourceDirectory(IDocumentStore store, SecretProtector protector, TimeProvider time, IOptions<IngestOptions> options)
    : IDisposable
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(5);
    private readonly MemoryCache _byId = new(new MemoryCacheOptions
    {
        SizeLimit = Math.Max(1, options.Value.SourceCacheEntries),
        ExpirationScanFrequency = Ttl,
    });
    private (IReadOnlyList<ActiveSource> Sources, DateTimeOffset LoadedAt) _senders = ([], DateTimeOffset.MinValue);

    public async Task<ActiveSource?> FindAsync(Guid id, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_byId.TryGetValue(id, out (ActiveSource? Source, DateTimeOffset LoadedAt) cached) && now - cached.LoadedAt < Ttl)
            return cached.Source;
        await using var session = store.QuerySession(IngestTenants.Trust);
        var source = await session.LoadAsync<Source>(id, ct);
        var active = source is null ? null : Decrypt(source);
        _byId.Set(id, (active, now), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Ttl });
        return active;
    }

    /// <summary>Sources with a sender allow-list (syslog), refreshed every few seconds.</summary>
    public async Task<IReadOnlyList<ActiveSource>> WithSendersAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (now - _senders.LoadedAt < Ttl) return _senders.Sources;
        await using var session = store.QuerySession(IngestTenants.Trust);
        var sources = await session.Query<Source>().Where(s => s.State != SourceStates.Revoked).ToListAsync(ct);
        var list = sources.Where(s => s.AllowedSenders.Length > 0).Select(Decrypt).ToList();
        _senders = (list, now);
        return list;
    }

    public void Invalidate(Guid id)
    {
        _byId.Remove(id);
        _senders = (_senders.Sources, DateTimeOffset.MinValue);
    }

    /// <summary>Lookups held now (for the bound's test and diagnostics).</summary>
    public int CachedLookups => _byId.Count;

    public void Dispose() => _byId.Dispose();

    private ActiveSource Decrypt(Source source) =>
        new(source, source.Secrets.Select(s => (protector.Decrypt(s.Encrypted), s.ValidUntil)).ToList());
}
