using Marten;
using TrustSafety.DeviceRegister.Devices;
using TrustSafety.DeviceRegister.NetworkIdentities;

namespace TrustSafety.DeviceRegister.Attribution;

public sealed record AttributionQuery(string Kind, string Value, DateTimeOffset At);
public sealed record AttributedDevice(Guid Id, string Kind, string? AssetTag, string? SerialNumber, string? Name, string Ownership);
public sealed record AttributedAssignee(string Kind, string Id, bool AupCurrent, bool AupOverridden);
public sealed record AttributedIdentity(Guid Id, string Kind, string Value, DateTimeOffset ValidFrom, DateTimeOffset? ValidTo);

/// <summary>Status: attributed, or unknown with the reason (no match, or several devices matched: never guessed).</summary>
public sealed record AttributionAnswer(
    string Status, string? Reason, AttributionQuery Query, AttributedDevice? Device, AttributedAssignee? Assignee,
    AttributedIdentity? Identity);

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
        .WithSummary("Which device and assignee had this IP, hostname or MAC at a time (?ip=10.1.4.23&at=2026-11-23T14:05:00Z)");

    private static async Task<IResult> Handle(string? ip, string? hostname, string? mac, DateTimeOffset? at, HttpContext http,
        IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var given = new[] { (IdentityKinds.Ip, ip), (IdentityKinds.Hostname, hostname), (IdentityKinds.Mac, mac) }
            .Where(x => !string.IsNullOrWhiteSpace(x.Item2)).ToList();
        if (given.Count != 1)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                { ["ip"] = ["Give exactly one of ip, hostname or mac, e.g. ?ip=10.1.4.23&at=2026-11-23T14:05:00Z."] });
        var (kind, raw) = given[0];
        var (address, error) = NetworkAddressParser.Parse(kind, raw);
        if (address is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [kind] = [error!] });
        var when = at ?? clock.GetUtcNow();
        var query = new AttributionQuery(kind, address.Value, when);

        var matches = await session.Query<NetworkLease>()
            .Where(l => l.Kind == kind && l.Value == address.Value && l.ValidFrom <= when && (l.ValidTo == null || l.ValidTo > when))
            .ToListAsync(ct);
        if (kind == IdentityKinds.Ip && address.Start is { } n)
            matches = [.. matches, .. await session.Query<NetworkLease>()
                .Where(l => l.Kind == IdentityKinds.IpRange && l.IpStart <= n && l.IpEnd >= n && l.ValidFrom <= when
                            && (l.ValidTo == null || l.ValidTo > when))
                .ToListAsync(ct)];

        http.Response.Headers.CacheControl = "private, max-age=60";
        var (lease, reason) = AttributionDecider.Choose(matches, when);
        if (lease is null) return TypedResults.Ok(new AttributionAnswer("unknown", reason, query, null, null, null));

        var device = await session.LoadAsync<Device>(lease.DeviceId, ct);
        if (device is null) return TypedResults.Ok(new AttributionAnswer("unknown", "The device record is missing.", query, null, null, null));
        var assignment = device.AssignmentAt(when);
        await RecordSighting(session, device.Id, when, clock.GetUtcNow(), ct);
        return TypedResults.Ok(new AttributionAnswer("attributed", null, query,
            new AttributedDevice(device.Id, device.Kind, device.AssetTag, device.SerialNumber, device.Name, device.Ownership),
            assignment is null ? null : new AttributedAssignee(assignment.AssigneeKind, assignment.AssigneeId, assignment.AupCurrent,
                assignment.AupOverrideReason is not null),
            new AttributedIdentity(lease.Id, lease.Kind, lease.Value, lease.ValidFrom, lease.ValidTo)));
    }

    // At most one write per device per hour of activity: the coverage report counts days, not minutes.
    private static async Task RecordSighting(IDocumentSession session, Guid deviceId, DateTimeOffset at, DateTimeOffset now,
        CancellationToken ct)
    {
        if (at > now + TimeSpan.FromMinutes(5)) return;
        var sighting = await session.LoadAsync<DeviceSighting>(deviceId, ct);
        if (sighting is not null && at < sighting.LastSeenAt + SightingGranularity) return;
        session.Store(new DeviceSighting { Id = deviceId, LastSeenAt = at });
        await session.SaveChangesAsync(ct);
    }
}
