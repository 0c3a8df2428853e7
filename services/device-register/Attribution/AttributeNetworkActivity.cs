using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Authorization;
using TrustSafety.DeviceRegister.Devices;
using TrustSafety.DeviceRegister.NetworkIdentities;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.DeviceRegister.Attribution;

public sealed record AttributionQuery(string Kind, string Value, DateTimeOffset At);
public sealed record AttributedDevice(Guid Id, string Kind, string? AssetTag, string? SerialNumber, string? Name, string Ownership);
public sealed record AttributedAssignee(string Kind, string Id, bool AupCurrent, bool AupOverridden);
public sealed record AttributedIdentity(Guid Id, string Kind, string Value, DateTimeOffset ValidFrom, DateTimeOffset? ValidTo);

/// <summary>
/// Status: <c>attributed</c> (school and device), <c>school-only</c> (trust-wide: one school, but its devices are
/// ambiguous), or <c>unknown</c> with the reason (no match, several devices or several schools: never guessed).
/// </summary>
public sealed record AttributionAnswer(
    string Status, string? Reason, AttributionQuery Query, string? SchoolUrn, AttributedDevice? Device, AttributedAssignee? Assignee,
    AttributedIdentity? Identity);

public static class AttributionStatuses
{
    public const string Attributed = "attributed";
    public const string SchoolOnly = "school-only";
    public const string Unknown = "unknown";
}

public static class AttributionScopes
{
    /// <summary>The caller's own school (the token's school claim); the default.</summary>
    public const string School = "school";
    /// <summary>Every school of the trust: services and trust-wide IT admins only.</summary>
    public const string Trust = "trust";
}

/// <summary>When filtering last saw a device: learned from attribution hits (filtering-ingest asks for every event it attributes).</summary>
public sealed class DeviceSighting
{
    public Guid Id { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
}

public static class AttributionDecider
{
    /// <summary>The most specific match wins (an exact address over a range); two devices at the same level is "unknown".</summary>
    public static (NetworkLease? Lease, string? Reason) Choose(IReadOnlyList<NetworkLease> matches, DateTimeOffset at)
    {
        var covering = matches.Where(l => l.Covers(at)).ToList();
        foreach (var level in new[] { covering.Where(l => l.Kind != IdentityKinds.IpRange).ToList(),
                     covering.Where(l => l.Kind == IdentityKinds.IpRange).ToList() })
        {
            var devices = level.Select(l => l.DeviceId).Distinct().Count();
            if (devices == 1) return (level.OrderByDescending(l => l.ValidFrom).First(), null);
            if (devices > 1) return (null, $"{devices} devices are recorded with this identity at that time; the register will not guess.");
        }
        return (null, "No device in your school had this identity at that time.");
    }
}

public static class AttributionEndpoint
{
    private static readonly TimeSpan SightingGranularity = TimeSpan.FromHours(1);

    public static void MapAttribution(this IEndpointRouteBuilder app, string policy) => app.MapGet("/attribution", Handle)
        .RequireAuthorization(policy).WithName("AttributeNetworkActivity")
        .WithSummary("Which device and assignee had this IP, hostname, MAC or signed-in user account at a time "
            + "(?ip=10.1.4.23&at=2026-11-23T14:05:00Z); "
            + "scope=trust asks across every school of the trust (services and trust IT admins) and names the school");

    private static async Task<Results<Ok<AttributionAnswer>, ValidationProblem, ForbidHttpResult>> Handle(string? ip, string? hostname, string? mac, string? user, DateTimeOffset? at, string? scope,
        HttpContext http, IAuthorizationService authorization, IServiceProvider services, TimeProvider clock, CancellationToken ct)
    {
        var given = new[] { (IdentityKinds.Ip, ip), (IdentityKinds.Hostname, hostname), (IdentityKinds.Mac, mac), (IdentityKinds.User, user) }
            .Where(x => !string.IsNullOrWhiteSpace(x.Item2)).ToList();
        var errors = new FieldErrors()
            .When(scope is not (null or AttributionScopes.School or AttributionScopes.Trust), "scope",
                "Give scope=school (your school, the default) or scope=trust (every school; services and trust IT admins).")
            .When(given.Count != 1, "ip", "Give exactly one of ip, hostname, mac or user, e.g. ?ip=10.1.4.23&at=2026-11-23T14:05:00Z.");
        NetworkAddress? address = null;
        if (given.Count == 1)
        {
            (address, var error) = NetworkAddressParser.Parse(given[0].Item1, given[0].Item2);
            if (address is null) errors.Add(given[0].Item1, error!);
        }
        if (errors.Any || address is null) return TypedResults.ValidationProblem(errors.Errors);

        var trustWide = scope == AttributionScopes.Trust;
        var allowed = await authorization.AuthorizeAsync(http.User, trustWide ? DevicePolicies.TrustWideAttribution : DevicePolicies.DeviceReaders);
        if (!allowed.Succeeded) return TypedResults.Forbid();

        var query = new AttributionQuery(address.Kind, address.Value, at ?? clock.GetUtcNow());
        http.Response.Headers.CacheControl = "private, max-age=60";
        return trustWide
            ? TypedResults.Ok(await TrustWideAttribution.AnswerAsync(query, address, services.GetRequiredService<IDocumentStore>(),
                services.GetRequiredService<CurrentUser>(), clock, ct))
            : TypedResults.Ok(await AnswerForSchool(query, address, services.GetRequiredService<IDocumentSession>(), clock, ct));
    }

    private static async Task<AttributionAnswer> AnswerForSchool(AttributionQuery query, NetworkAddress address, IDocumentSession session,
        TimeProvider clock, CancellationToken ct)
    {
        var when = query.At;
        var matches = await session.Query<NetworkLease>()
            .Where(l => l.Kind == address.Kind && l.Value == address.Value && l.ValidFrom <= when && (l.ValidTo == null || l.ValidTo > when))
            .ToListAsync(ct);
        if (address.Kind == IdentityKinds.Ip && address.Start is { } n)
            matches = [.. matches, .. await session.Query<NetworkLease>()
                .Where(l => l.Kind == IdentityKinds.IpRange && l.IpStart <= n && l.IpEnd >= n && l.ValidFrom <= when
                            && (l.ValidTo == null || l.ValidTo > when))
                .ToListAsync(ct)];

        var (lease, reason) = AttributionDecider.Choose(matches, when);
        if (lease is null) return new AttributionAnswer(AttributionStatuses.Unknown, reason, query, null, null, null, null);

        var device = await session.LoadAsync<Device>(lease.DeviceId, ct);
        if (device is null) return new AttributionAnswer(AttributionStatuses.Unknown, "The device record is missing.", query, null, null, null, null);
        if (await StageSighting(session, device.Id, when, clock.GetUtcNow(), ct)) await session.SaveChangesAsync(ct);
        return Attributed(query, session.TenantId, device, lease);
    }

    internal static AttributionAnswer Attributed(AttributionQuery query, string schoolUrn, Device device, NetworkLease lease)
    {
        var assignment = device.AssignmentAt(query.At);
        return new AttributionAnswer(AttributionStatuses.Attributed, null, query, schoolUrn,
            new AttributedDevice(device.Id, device.Kind, device.AssetTag, device.SerialNumber, device.Name, device.Ownership),
            assignment is null ? null : new AttributedAssignee(assignment.AssigneeKind, assignment.AssigneeId, assignment.AupCurrent,
                assignment.AupOverrideReason is not null),
            new AttributedIdentity(lease.Id, lease.Kind, lease.Value, lease.ValidFrom, lease.ValidTo));
    }

    /// <summary>At most one write per device per hour of activity: the coverage report counts days, not minutes.</summary>
    internal static async Task<bool> StageSighting(IDocumentSession session, Guid deviceId, DateTimeOffset at, DateTimeOffset now,
        CancellationToken ct)
    {
        if (at > now + TimeSpan.FromMinutes(5)) return false;
        var sighting = await session.LoadAsync<DeviceSighting>(deviceId, ct);
        if (sighting is not null && at < sighting.LastSeenAt + SightingGranularity) return false;
        session.Store(new DeviceSighting { Id = deviceId, LastSeenAt = at });
        return true;
    }
}
