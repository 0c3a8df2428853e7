using Marten;
using TrustSafety.DeviceRegister.Attribution;
using TrustSafety.DeviceRegister.Devices;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.EventSourcing.EventStore;

namespace TrustSafety.DeviceRegister.NetworkIdentities;

/// <summary>
/// An IP address or range recorded at one school that overlaps one another school of the trust holds for an overlapping
/// period: trust-wide events from it are then unattributed (the register never picks between schools). Kept in each
/// school involved (their own value and device; the other school is not named) and in the trust tenant (both schools).
/// </summary>
public sealed class IdentityConflict
{
    public Guid Id { get; set; }
    public string Kind { get; set; } = "";
    /// <summary>This school's own value; in the trust tenant, the value just recorded.</summary>
    public string Value { get; set; } = "";
    public Guid? DeviceId { get; set; }
    /// <summary><c>recorded-here</c>, <c>held-here</c> (another school recorded an overlapping one), or <c>trust</c>.</summary>
    public string Side { get; set; } = "";
    /// <summary>Filled only in the trust tenant's copy.</summary>
    public List<string> SchoolUrns { get; set; } = [];
    public string RecordedBy { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
    public string Consequence { get; set; } = "";
}

public static class CrossSchoolIdentities
{
    public const string HeldByAnotherSchool = "Held by another school of the trust";

    public const string UnattributedConsequence =
        "Trust-wide filter events from this address are unattributed while two schools hold it: they reach the trust lead and " +
        "the trust IT admin (filtering-ingest /unattributed/alerts), not a school's DSL. End the record that is wrong.";

    /// <summary>
    /// A MAC, hostname or sign-in account belongs to one device or person, so two schools cannot both hold it: refused.
    /// IP addresses and ranges are reused by schools behind their own NAT, so they are accepted and the overlap surfaced.
    /// </summary>
    public static bool MustBeUniqueAcrossSchools(string kind) => kind is IdentityKinds.Mac or IdentityKinds.Hostname or IdentityKinds.User;

    /// <summary>
    /// Opens the session's transaction and takes a transaction-scoped advisory lock for this identity in every school
    /// (MAC, hostname and account by value; every IP address and range under one key, since ranges overlap without being
    /// equal), so a concurrent recording of the same identity in another school waits, then sees this one. Released when
    /// the transaction commits or the session is disposed.
    /// </summary>
    public static async Task LockAsync(IDocumentSession session, NetworkAddress address, CancellationToken ct)
    {
        var name = address.Kind is IdentityKinds.Ip or IdentityKinds.IpRange
            ? "trustsafety-network-identity:ip"
            : $"trustsafety-network-identity:{address.Kind}:{address.Value}";
        await session.LockForTransactionAsync(name, ct);
    }

    /// <summary>Leases of other schools with the same identity (or an overlapping IPv4 range) for an overlapping period.</summary>
    public static async Task<IReadOnlyList<NetworkLease>> HeldElsewhereAsync(IDocumentStore store, string school, NetworkAddress address,
        DateTimeOffset validFrom, DateTimeOffset? validTo, CancellationToken ct)
    {
        await using var everySchool = store.QuerySession();
        var query = everySchool.Query<NetworkLease>().Where(l => l.AnyTenant()).Where(l => l.ValidTo == null || l.ValidTo > validFrom);
        if (validTo is { } end) query = query.Where(l => l.ValidFrom < end);
        query = address is { Start: { } start, End: { } last }
            ? query.Where(l => (l.Kind == IdentityKinds.Ip || l.Kind == IdentityKinds.IpRange) && l.IpStart <= last && l.IpEnd >= start)
            : query.Where(l => l.Kind == address.Kind && l.Value == address.Value);
        return [.. (await query.ToListAsync(ct)).Where(l => !string.Equals(l.TenantId, school, StringComparison.Ordinal))];
    }

    /// <summary>Names neither the other school nor its device, value or dates: only that the trust already has it.</summary>
    public static Decision Refusal(NetworkAddress address) => Decision.Conflict(HeldByAnotherSchool,
        $"This {address.Kind} is held by another school of the trust for an overlapping period. Trust-wide filter events are " +
                "attributed by it, so two schools cannot both hold it. Record a school-qualified form (a fully qualified hostname, " +
                "DOMAIN\\account or the school's sign-in domain), or ask the trust IT admin to resolve it.");

    /// <summary>Stages the conflict in this school, in every other school involved, and in the trust tenant.</summary>
    public static void StageConflict(IDocumentSession session, NetworkAddress address, Guid deviceId, IReadOnlyList<NetworkLease> elsewhere,
        string recordedBy, DateTimeOffset now)
    {
        var school = session.TenantId;
        IdentityConflict Copy(string side, string value, Guid? device, List<string> schools) => new()
        {
            Id = Guid.CreateVersion7(), Kind = address.Kind, Value = value, DeviceId = device, Side = side, SchoolUrns = schools,
            RecordedBy = recordedBy, RecordedAt = now, Consequence = UnattributedConsequence,
        };
        session.Store(Copy("recorded-here", address.Value, deviceId, []));
        foreach (var lease in elsewhere.GroupBy(l => l.TenantId, StringComparer.Ordinal).Select(g => g.First()))
            session.ForTenant(lease.TenantId).Store(Copy("held-here", lease.Value, lease.DeviceId, []));
        session.ForTenant(TrustWideAttribution.TrustTenant).Store(
            Copy("trust", address.Value, null, [school, .. elsewhere.Select(l => l.TenantId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]));
    }

    public static void MapIdentityConflicts(this WebApplication app) => app
        .MapGet("/identity-conflicts", async (IDocumentStore store, CurrentUser user, int? take, CancellationToken ct) =>
        {
            var tenant = user.SchoolUrn ?? TrustWideAttribution.TrustTenant;
            await using var session = store.QuerySession(tenant);
            var conflicts = await session.Query<IdentityConflict>().OrderByDescending(c => c.RecordedAt)
                .Take(Math.Clamp(take ?? 100, 1, 500)).ToListAsync(ct);
            return TypedResults.Ok(conflicts);
        })
        .RequireAuthorization(DevicePolicies.ConflictReaders)
        .WithTags("Network identities")
        .WithName("ListIdentityConflicts")
        .WithSummary("IP identities that overlap another school's: a school's IT admin and DSL see their own; the trust IT admin and trust lead every one");
}
