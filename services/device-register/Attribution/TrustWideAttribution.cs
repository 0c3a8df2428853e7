using System.Security.Cryptography;
using System.Text;
using Marten;
using TrustSafety.DeviceRegister.Devices;
using TrustSafety.DeviceRegister.NetworkIdentities;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.DeviceRegister.Attribution;

/// <summary>
/// A trust-wide lookup, kept as an audit fact: who asked, for what, and what they learned. Stored in the school that
/// was named, or in the <see cref="TrustWideAttribution.TrustTenant"/> tenant when none was.
/// </summary>
public sealed class AttributionLookup
{
    public Guid Id { get; set; }
    public string CallerId { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Value { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string Status { get; set; } = "";
    public string? SchoolUrn { get; set; }
    public Guid? DeviceId { get; set; }
    public DateTimeOffset LookedUpAt { get; set; }
}

public static class TrustWideAttributionDecider
{
    /// <summary>
    /// One school holding the identity names that school (and its device when the school's own rule finds exactly one);
    /// no school, or more than one, is unknown: the register never picks between schools.
    /// </summary>
    public static (string? SchoolUrn, NetworkLease? Lease, string? Reason) Choose(IReadOnlyList<NetworkLease> matches, DateTimeOffset at)
    {
        var covering = matches.Where(l => l.Covers(at)).ToList();
        var schools = covering.Select(l => l.TenantId).Distinct(StringComparer.Ordinal).ToList();
        if (schools.Count == 0) return (null, null, "No school in the trust had this identity at that time.");
        if (schools.Count > 1)
            return (null, null, $"{schools.Count} schools record this identity at that time; the register will not guess between schools.");
        var (lease, reason) = AttributionDecider.Choose(covering, at);
        return (schools[0], lease, reason);
    }
}

public static class TrustWideAttribution
{
    /// <summary>Tenant of lookup facts that named no school.</summary>
    public const string TrustTenant = "trust";

    public static async Task<AttributionAnswer> AnswerAsync(AttributionQuery query, NetworkAddress address, IDocumentStore store,
        CurrentUser caller, TimeProvider clock, CancellationToken ct)
    {
        var when = query.At;
        List<NetworkLease> matches;
        await using (var everySchool = store.QuerySession())
        {
            matches = [.. await everySchool.Query<NetworkLease>().Where(l => l.AnyTenant())
                .Where(l => l.Kind == address.Kind && l.Value == address.Value && l.ValidFrom <= when && (l.ValidTo == null || l.ValidTo > when))
                .ToListAsync(ct)];
            if (address.Kind == IdentityKinds.Ip && address.Start is { } n)
                matches.AddRange(await everySchool.Query<NetworkLease>().Where(l => l.AnyTenant())
                    .Where(l => l.Kind == IdentityKinds.IpRange && l.IpStart <= n && l.IpEnd >= n && l.ValidFrom <= when
                                && (l.ValidTo == null || l.ValidTo > when))
                    .ToListAsync(ct));
        }

        var (school, lease, reason) = TrustWideAttributionDecider.Choose(matches, when);
        await using var session = store.LightweightSession(school ?? TrustTenant);
        var answer = school is null
            ? new AttributionAnswer(AttributionStatuses.Unknown, reason, query, null, null, null, null)
            : await AnswerInSchool(query, school, lease, reason, session, clock, ct);
        session.Store(new AttributionLookup
        {
            Id = Guid.CreateVersion7(), CallerId = caller.Id, Kind = query.Kind, Value = AuditedValue(query), At = when, Status = answer.Status,
            SchoolUrn = answer.SchoolUrn, DeviceId = answer.Device?.Id, LookedUpAt = clock.GetUtcNow(),
        });
        await session.SaveChangesAsync(ct);
        return answer;
    }

    /// <summary>
    /// filtering-ingest asks about every account its trust-wide sources report, mostly pupils' and mostly not registered
    /// here: the audit keeps a SHA-256 of the account (an auditor can still check a given account), never the account.
    /// </summary>
    public static string AuditedValue(AttributionQuery query) => query.Kind == IdentityKinds.User
        ? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query.Value)))
        : query.Value;

    private static async Task<AttributionAnswer> AnswerInSchool(AttributionQuery query, string school, NetworkLease? lease, string? reason,
        IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var device = lease is null ? null : await session.LoadAsync<Device>(lease.DeviceId, ct);
        if (lease is null || device is null)
            return new AttributionAnswer(AttributionStatuses.SchoolOnly, reason ?? "The device record is missing.", query, school, null, null, null);
        await AttributionEndpoint.StageSighting(session, device.Id, query.At, clock.GetUtcNow(), ct);
        return AttributionEndpoint.Attributed(query, school, device, lease);
    }
}
