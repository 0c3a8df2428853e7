using Marten;
using TrustSafety.DeviceRegister.Devices;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.DeviceRegister.NetworkIdentities;

public sealed record AddNetworkIdentity(string? Kind, string? Value, DateTimeOffset? ValidFrom = null, DateTimeOffset? ValidTo = null);

public sealed record EndNetworkIdentity(DateTimeOffset? ValidTo = null);

/// <summary>What adding an identity does: the event on this device, and the ends of other devices' leases it supersedes.</summary>
public sealed record IdentityDecision(Outcome Outcome, IReadOnlyList<NetworkIdentityEnded> Superseded);

public static class NetworkIdentityDecider
{
    public static (NetworkAddress? Address, Dictionary<string, string[]> Errors) Validate(AddNetworkIdentity c)
    {
        var errors = new Dictionary<string, string[]>();
        var (address, error) = NetworkAddressParser.Parse(c.Kind, c.Value);
        if (error is not null) errors[IdentityKinds.All.Contains(c.Kind) ? "value" : "kind"] = [error];
        if (c.ValidFrom is { } from && c.ValidTo is { } to && to <= from)
            errors["validTo"] = ["validTo must be after validFrom (leave it out while the identity is still current)."];
        return (address, errors);
    }

    /// <summary>
    /// A DHCP address moves between devices: an earlier lease of the same value still running at <paramref name="validFrom"/>
    /// is ended there. A lease that starts inside the new period is a conflict the caller must resolve (never guessed).
    /// A sign-in account is different: one person may be signed in on a laptop and an iPad at once, so only an overlap on
    /// the same device conflicts; attribution answers "unknown" for the device (never guessed) while both are current.
    /// </summary>
    public static IdentityDecision Decide(Device device, NetworkAddress address, DateTimeOffset validFrom, DateTimeOffset? validTo,
        IReadOnlyList<NetworkLease> sameValue, Guid identityId, Actor by, DateTimeOffset now)
    {
        if (device.Status == DeviceStatuses.Retired)
            return new(Outcome.Reject("Device is retired", "A retired device gets no new network identities."), []);
        var superseded = new List<NetworkIdentityEnded>();
        var concurrentOnOtherDevices = address.Kind == IdentityKinds.User;
        foreach (var lease in sameValue.Where(l => l.Kind == address.Kind && l.Value == address.Value
                                                   && (!concurrentOnOtherDevices || l.DeviceId == device.Id)))
        {
            var overlaps = lease.ValidTo is null || lease.ValidTo > validFrom;
            if (!overlaps || (validTo is { } end && lease.ValidFrom >= end)) continue;
            if (lease.ValidFrom < validFrom && lease.DeviceId != device.Id)
            {
                superseded.Add(new NetworkIdentityEnded(lease.DeviceId, lease.Id, lease.Kind, lease.Value, lease.ValidFrom, validFrom, by, now));
                continue;
            }
            var whose = lease.DeviceId == device.Id ? "this device" : $"device {lease.DeviceId}";
            return new(Outcome.Reject("Network identity overlaps another",
                $"{address.Kind} {address.Value} is recorded for {whose} from {lease.ValidFrom:O}" +
                (lease.ValidTo is { } t ? $" to {t:O}" : "") +
                (lease.DeviceId == device.Id ? "; end that record instead of adding another." : "; give a validTo before it starts, or end it first.")), []);
        }
        return new(Outcome.Accept(new NetworkIdentityAdded(device.Id, identityId, address.Kind, address.Value, validFrom, validTo, by, now,
            device.CurrentAssignment?.AssigneeKind, device.CurrentAssignment?.AssigneeId)),
            superseded);
    }

    public static Outcome DecideEnd(Device device, Guid identityId, DateTimeOffset validTo, Actor by, DateTimeOffset now)
    {
        var identity = device.Identities.FirstOrDefault(i => i.Id == identityId);
        if (identity is null) return Outcome.Reject("Network identity not found", "This device has no network identity with that id.");
        if (identity.ValidTo is { } ended && ended <= validTo)
            return Outcome.Reject("Network identity already ended", $"It ended at {ended:O}.");
        if (validTo <= identity.ValidFrom)
            return Outcome.Reject("End before start", $"validTo must be after the identity's validFrom ({identity.ValidFrom:O}).");
        return Outcome.Accept(new NetworkIdentityEnded(device.Id, identityId, identity.Kind, identity.Value, identity.ValidFrom, validTo, by, now));
    }
}

public static class NetworkIdentityEndpoints
{
    public static void MapNetworkIdentities(this RouteGroupBuilder devices)
    {
        devices.MapPost("/{id:guid}/network-identities", Add).WithName("AddNetworkIdentity")
            .WithSummary("Record an IP, IP range, hostname, MAC or signed-in account of a device for a period (If-Match required); " +
                         "a MAC, hostname or account another school of the trust holds is refused (409)");
        devices.MapPost("/{id:guid}/network-identities/{identityId:guid}/end", End).WithName("EndNetworkIdentity")
            .WithSummary("End a network identity (If-Match required)");
    }

    private static async Task<IResult> Add(Guid id, AddNetworkIdentity command, HttpContext http, IDocumentSession session,
        IDocumentStore store, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var (address, errors) = NetworkIdentityDecider.Validate(command);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The network identity cannot be recorded");
        var now = clock.GetUtcNow();
        var validFrom = command.ValidFrom ?? now;
        // Two schools recording the same identity at the same instant must not both pass the cross-school check: the
        // check and the write happen under one trust-wide lock per identity, held until this request's transaction ends.
        await CrossSchoolIdentities.LockAsync(session, address!, ct);
        var sameValue = await session.Query<NetworkLease>()
            .Where(l => l.Kind == address!.Kind && l.Value == address.Value).ToListAsync(ct);
        var elsewhere = await CrossSchoolIdentities.HeldElsewhereAsync(store, session.TenantId, address!, validFrom, command.ValidTo, ct);
        var identityId = Guid.CreateVersion7();
        IReadOnlyList<NetworkIdentityEnded> superseded = [];
        var result = await DeviceChange.Apply(http, session, id, device =>
        {
            if (elsewhere.Count > 0 && CrossSchoolIdentities.MustBeUniqueAcrossSchools(address!.Kind)) return CrossSchoolIdentities.Refusal(address);
            var decision = NetworkIdentityDecider.Decide(device, address!, validFrom, command.ValidTo, sameValue, identityId,
                user.Actor(), now);
            superseded = decision.Superseded;
            foreach (var ended in decision.Superseded) session.Events.Append(ended.DeviceId, ended);
            if (decision.Outcome.Accepted && elsewhere.Count > 0)
                CrossSchoolIdentities.StageConflict(session, address!, device.Id, elsewhere, user.Id, now);
            return decision.Outcome;
        }, ct);
        return result is Microsoft.AspNetCore.Http.HttpResults.Ok<DeviceChanged> ok
            ? TypedResults.Ok(new IdentityRecorded(id, ok.Value!.Version, identityId, address!.Kind, address.Value,
                superseded.Select(s => s.DeviceId).ToList(), elsewhere.Count > 0))
            : result;
    }

    private static Task<IResult> End(Guid id, Guid identityId, EndNetworkIdentity? command, HttpContext http,
        IDocumentSession session, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return DeviceChange.Apply(http, session, id,
            device => NetworkIdentityDecider.DecideEnd(device, identityId, command?.ValidTo ?? now, user.Actor(), now), ct);
    }
}

/// <summary>HeldByAnotherSchool: an IP address or range that overlaps another school's (recorded, and surfaced as an IdentityConflict).</summary>
public sealed record IdentityRecorded(
    Guid Id, long Version, Guid IdentityId, string Kind, string Value, IReadOnlyList<Guid> SupersededOnDevices, bool HeldByAnotherSchool = false);
