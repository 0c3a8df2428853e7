using System.Security.Cryptography;
using System.Text;
using Marten;
using Microsoft.Extensions.Options;
using TrustSafety.DeviceRegister.Attribution;
using TrustSafety.DeviceRegister.Devices;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.EventSourcing.EventStore;

namespace TrustSafety.DeviceRegister.NetworkIdentities;

/// <summary>How often the daemon leader looks for identities two schools hold (section <c>DeviceRegister:ConflictScan</c>).</summary>
public sealed class IdentityConflictScanOptions
{
    public const string Section = "DeviceRegister:ConflictScan";
    /// <summary>Between two scans on the leader; the first runs as soon as a replica is leader.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);
    /// <summary>How often a replica that is not (yet) the leader checks again.</summary>
    public TimeSpan FollowerPoll { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// Finds identities two schools hold for overlapping periods that no recording ever surfaced — recorded before the
/// cross-school rule (MAC, hostname and account are refused since), or before the trust-wide lock — and records each as
/// an <see cref="IdentityConflict"/> exactly as a recording would: in each school its own value and device (the other
/// school and its value are not named) and in the trust tenant both schools. Idempotent: a pair already surfaced (by a
/// recording or an earlier scan) is not recorded again, whichever replica ran it. Run by the daemon leader at start and
/// every <see cref="IdentityConflictScanOptions.Interval"/>, and on demand by the trust IT admin
/// (<c>POST /identity-conflicts/scan</c>).
/// </summary>
public sealed partial class IdentityConflictScan(
    IDocumentStore store, TimeProvider clock, LeaderElectedDaemon leader, IOptions<IdentityConflictScanOptions> options,
    ILogger<IdentityConflictScan> logger) : BackgroundService
{
    public const string ScannedBy = "conflict-scan";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = options.Value.FollowerPoll;
                if (leader.IsLeader)
                {
                    try
                    {
                        var found = await ScanAsync(stoppingToken);
                        if (found > 0) LogFound(logger, found);
                        wait = options.Value.Interval;
                    }
                    catch (Exception ex) when (!stoppingToken.IsCancellationRequested) { LogFailed(logger, ex); }
                }
                await Task.Delay(wait, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    /// <summary>Records every conflict not surfaced yet; returns how many pairs it found.</summary>
    public async Task<int> ScanAsync(CancellationToken ct)
    {
        // One scan at a time across replicas (the leader's and an operator's), so two never record the same pair.
        await using var session = store.LightweightSession(TrustWideAttribution.TrustTenant);
        await session.LockForTransactionAsync("trustsafety-network-identity:conflict-scan", ct);
        var leases = await session.Query<NetworkLease>().Where(l => l.AnyTenant()).ToListAsync(ct);
        var surfaced = (await session.Query<IdentityConflict>().ToListAsync(ct)).ToList();
        var now = clock.GetUtcNow();
        var found = 0;
        foreach (var (a, b) in Pairs(leases))
        {
            var trustId = IdOf("trust", a, b);
            if (surfaced.Any(c => c.Id == trustId || (c.Kind == a.Kind && (c.Value == a.Value || c.Value == b.Value)
                    && c.SchoolUrns.Contains(a.TenantId) && c.SchoolUrns.Contains(b.TenantId)))) continue;
            IdentityConflict Copy(Guid id, string side, NetworkLease lease, Guid? device, List<string> schools) => new()
            {
                Id = id, Kind = lease.Kind, Value = lease.Value, DeviceId = device, Side = side, SchoolUrns = schools,
                RecordedBy = ScannedBy, RecordedAt = now,
                Consequence = "Found by the trust's conflict scan (recorded before two schools could be refused). " +
                              CrossSchoolIdentities.UnattributedConsequence,
            };
            foreach (var lease in new[] { a, b })
                session.ForTenant(lease.TenantId).Store(Copy(IdOf(lease.TenantId, a, b), "held-here", lease, lease.DeviceId, []));
            var trustCopy = Copy(trustId, "trust", a, null, [.. new[] { a.TenantId, b.TenantId }.Order(StringComparer.Ordinal)]);
            session.Store(trustCopy);
            surfaced.Add(trustCopy);
            found++;
        }
        await session.SaveChangesAsync(ct);
        return found;
    }

    /// <summary>Pairs of leases of two different schools on one identity (or overlapping IP ranges) for overlapping periods.</summary>
    internal static IEnumerable<(NetworkLease A, NetworkLease B)> Pairs(IReadOnlyList<NetworkLease> leases)
    {
        static bool Overlap(NetworkLease a, NetworkLease b) =>
            a.TenantId != b.TenantId && a.ValidFrom < (b.ValidTo ?? DateTimeOffset.MaxValue) && b.ValidFrom < (a.ValidTo ?? DateTimeOffset.MaxValue);

        foreach (var same in leases.Where(l => CrossSchoolIdentities.MustBeUniqueAcrossSchools(l.Kind)).GroupBy(l => (l.Kind, l.Value)))
        {
            var list = same.OrderBy(l => l.Id).ToList();
            for (var i = 0; i < list.Count; i++)
                for (var j = i + 1; j < list.Count; j++)
                    if (Overlap(list[i], list[j])) yield return (list[i], list[j]);
        }

        var ranges = leases.Where(l => l is { IpStart: not null, IpEnd: not null }).OrderBy(l => l.IpStart).ThenBy(l => l.Id).ToList();
        for (var i = 0; i < ranges.Count; i++)
            for (var j = i + 1; j < ranges.Count && ranges[j].IpStart <= ranges[i].IpEnd; j++)
                if (Overlap(ranges[i], ranges[j])) yield return (ranges[i], ranges[j]);
    }

    /// <summary>One id per copy of one pair, the same in every run and replica.</summary>
    private static Guid IdOf(string copy, NetworkLease a, NetworkLease b)
    {
        var (first, second) = a.Id.CompareTo(b.Id) < 0 ? (a.Id, b.Id) : (b.Id, a.Id);
        return new Guid(SHA256.HashData(Encoding.UTF8.GetBytes($"identity-conflict-scan:{copy}:{first}:{second}")).AsSpan(0, 16));
    }

    public static void MapConflictScan(WebApplication app) => app
        .MapPost("/identity-conflicts/scan", async (IdentityConflictScan scan, CancellationToken ct) =>
            TypedResults.Ok(new IdentityConflictScanResult(await scan.ScanAsync(ct))))
        .RequireAuthorization(DevicePolicies.ConflictScanners)
        .WithTags("Network identities")
        .WithName("ScanIdentityConflicts")
        .WithSummary("Look now for identities two schools hold that were never surfaced, and record them as identity conflicts (trust IT admin)");

    [LoggerMessage(Level = LogLevel.Warning, Message = "The identity conflict scan found {Found} identities two schools hold; they are listed at /identity-conflicts.")]
    private static partial void LogFound(ILogger logger, int found);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The identity conflict scan failed; it runs again at the next round.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

public sealed record IdentityConflictScanResult(int Found);
