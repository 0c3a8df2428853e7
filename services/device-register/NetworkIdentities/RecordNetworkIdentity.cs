using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.DeviceRegister.Devices;
using TrustSafety.EventSourcing;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.DeviceRegister.NetworkIdentities;

public sealed record AddNetworkIdentity(string? Kind, string? Value, DateTimeOffset? ValidFrom = null, DateTimeOffset? ValidTo = null);

public sealed record EndNetworkIdentity(DateTimeOffset? ValidTo = null);

/// <summary>
/// What adding an identity does: the event on this device, and the ends of other devices' leases it supersedes, addressed to
/// those devices' streams in <see cref="Decision.Elsewhere"/> (the change path appends them in the same transaction).
/// </summary>
public sealed record IdentityDecision(Decision Outcome)
{
    public IReadOnlyList<NetworkIdentityEnded> Superseded => [.. Outcome.Elsewhere.Select(e => (NetworkIdentityEnded)e.Event)];
}

public static class NetworkIdentityDecider
{
    public static (NetworkAddress? Address, IReadOnlyDictionary<string, string[]> Errors) Validate(AddNetworkIdentity c)
    {
        var (address, error) = NetworkAddressParser.Parse(c.Kind, c.Value);
        var errors = new FieldErrors();
        if (error is not null) errors.Add(IdentityKinds.All.Contains(c.Kind) ? "value" : "kind", error);
        errors.When(c.ValidFrom is { } from && c.ValidTo is { } to && to <= from, "validTo",
            "validTo must be after validFrom (leave it out while the identity is still current).");
        return (address, errors.ToDictionary());
    }

    /// <summary>
    /// A DHCP address moves between devices: an earlier lease of the same value still running at <paramref name="validFrom"/>
    /// is ended there. A lease that starts inside the new period is a conflict the caller must resolve (never guessed).
    /// A sign-in account is different: one person may be signed in on a laptop and an iPad at once, so only an overlap on
    /// the same device conflicts; attribution answers "unknown" for the device (never guessed) while both are current.
    /// </summary>
    public static IdentityDecision Decide(Device device, NetworkAddress address, DateTimeOffset validFrom, DateTimeOffset? validTo,
        IReadOnlyList<NetworkLease> sameValue, Guid identityId, Actor actor, DateTimeOffset now)
    {
        var by = RecordedBy.Of(actor);
        if (device.Status == DeviceStatuses.Retired)
            return new(Decision.Conflict("Device is retired", "A retired device gets no new network identities."));
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
            return new(Decision.Conflict("Network identity overlaps another",
                $"{address.Kind} {address.Value} is recorded for {whose} from {lease.ValidFrom:O}" +
                (lease.ValidTo is { } t ? $" to {t:O}" : "") +
                (lease.DeviceId == device.Id ? "; end that record instead of adding another." : "; give a validTo before it starts, or end it first.")));
        }
        var added = Decision.Accept(new NetworkIdentityAdded(device.Id, identityId, address.Kind, address.Value, validFrom, validTo, by, now,
            device.CurrentAssignment?.AssigneeKind, device.CurrentAssignment?.AssigneeId));
        return new(superseded.Aggregate(added, (decision, ended) => decision.AlsoOn(ended.DeviceId, ended)));
    }

    public static Decision DecideEnd(Device device, Guid identityId, DateTimeOffset validTo, Actor actor, DateTimeOffset now)
    {
        var identity = device.Identities.FirstOrDefault(i => i.Id == identityId);
        if (identity is null) return Decision.Conflict("Network identity not found", "This device has no network identity with that id.");
        if (identity.ValidTo is { } ended && ended <= validTo)
            return Decision.Conflict("Network identity already ended", $"It ended at {ended:O}.");
        if (validTo <= identity.ValidFrom)
            return Decision.Conflict("End before start", $"validTo must be after the identity's validFrom ({identity.ValidFrom:O}).");
        return Decision.Accept(new NetworkIdentityEnded(device.Id, identityId, identity.Kind, identity.Value, identity.ValidFrom, validTo,
            RecordedBy.Of(actor), now));
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

    private static async Task<Results<Ok<IdentityRecorded>, ValidationProblem, ProblemHttpResult>> Add(Guid id, AddNetworkIdentity command, HttpContext http, IDocumentSession session,
        IDocumentStore store, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var (address, errors) = NetworkIdentityDecider.Validate(command);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The network identity cannot be recorded");
        var now = clock.GetUtcNow();
        var validFrom = command.ValidFrom ?? now; // for the cross-school check; the event takes the path's instant (below)
        // Two schools recording the same identity at the same instant must not both pass the cross-school check: the
        // check and the write happen under one trust-wide lock per identity, held until this request's transaction ends.
        await CrossSchoolIdentities.LockAsync(session, address!, ct);
        var sameValue = await session.Query<NetworkLease>()
            .Where(l => l.Kind == address!.Kind && l.Value == address.Value).ToListAsync(ct);
        var elsewhere = await CrossSchoolIdentities.HeldElsewhereAsync(store, session.TenantId, address!, validFrom, command.ValidTo, ct);
        var identityId = Guid.CreateVersion7();
        return await DeviceChange.Apply(http, session, id, (device, actor, at) =>
                elsewhere.Count > 0 && CrossSchoolIdentities.MustBeUniqueAcrossSchools(address!.Kind)
                    ? CrossSchoolIdentities.Refusal(address)
                    // Left out, validFrom is the instant the identity is recorded at: the event's At, one clock read.
                    : NetworkIdentityDecider.Decide(device, address!, command.ValidFrom ?? at, command.ValidTo, sameValue, identityId, actor, at).Outcome,
            applied => new IdentityRecorded(id, applied.Version, identityId, address!.Kind, address.Value,
                new IdentityDecision(applied.Decision).Superseded.Select(s => s.DeviceId).ToList(), elsewhere.Count > 0),
            // An identity another school also holds (an IP range) is recorded, and the conflict staged with it for the trust.
            beforeSave: elsewhere.Count > 0 ? () => CrossSchoolIdentities.StageConflict(session, address!, id, elsewhere, user.Id, now) : null);
    }

    private static Task<Results<Ok<DeviceChanged>, ValidationProblem, ProblemHttpResult>> End(Guid id, Guid identityId,
        EndNetworkIdentity? command, HttpContext http, IDocumentSession session) =>
        DeviceChange.Apply(http, session, id,
            (device, actor, now) => NetworkIdentityDecider.DecideEnd(device, identityId, command?.ValidTo ?? now, actor, now));
}

/// <summary>HeldByAnotherSchool: an IP address or range that overlaps another school's (recorded, and surfaced as an IdentityConflict).</summary>
public sealed record IdentityRecorded(
    Guid Id, long Version, Guid IdentityId, string Kind, string Value, IReadOnlyList<Guid> SupersededOnDevices, bool HeldByAnotherSchool = false);
