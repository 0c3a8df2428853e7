using Marten;

namespace TrustSafety.FilteringIngest.Normalisation;

/// <summary>An admin's additions to one vendor's crosswalk; each change bumps the crosswalk version stamped on events.</summary>
public sealed class CrosswalkExtension
{
    public string Id { get; set; } = "";
    public int Version { get; set; }
    public List<CrosswalkEntry> Entries { get; set; } = [];
    public DateTimeOffset ChangedAt { get; set; }
    public string ChangedBy { get; set; } = "";
}

/// <summary>The crosswalk in force: seed reference data plus the stored extensions, reloaded on change and every 30 s.</summary>
public sealed partial class CrosswalkCatalog(IDocumentStore store, ILogger<CrosswalkCatalog> logger) : BackgroundService
{
    public Crosswalk Current { get; private set; } = SeedCrosswalk.Build();

    public async Task RefreshAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession(IngestTenants.Trust);
        var extensions = await session.Query<CrosswalkExtension>().ToListAsync(ct);
        Current = SeedCrosswalk.Build(
            extensions.ToDictionary(e => e.Id, e => (IReadOnlyList<CrosswalkEntry>)e.Entries, StringComparer.Ordinal),
            extensions.Sum(e => e.Version));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await RefreshAsync(stoppingToken); }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested) { LogRefreshFailed(logger, ex); }
            try { await Task.Delay(TimeSpan.FromSeconds(30), stoppingToken); }
            catch (OperationCanceledException) { }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reloading crosswalk extensions failed; the previous crosswalk stays in force")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
