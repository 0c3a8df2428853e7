using Marten;
using TrustSafety.Contracts.DeviceRegister;
using TrustSafety.Reporting.Rollups;
using static TrustSafety.Reporting.Rollups.RollupChanges;

namespace TrustSafety.Reporting.Devices;

/// <summary>One device-register event; a device's state is the fold of its changes in time order.</summary>
public sealed class DeviceChange
{
    public Guid Id { get; set; }
    public Guid DeviceId { get; set; }
    public string SchoolUrn { get; set; } = "";
    public string Kind { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string? DeviceKind { get; set; }
    public string? AssigneeKind { get; set; }
    public string? CustodyStep { get; set; }
    /// <summary>The custody state after the step, as device-register sent it (null on events sent before it did).</summary>
    public string? CustodyState { get; set; }
    public bool? NetworkIdentityCurrent { get; set; }
}

public static class DeviceChangeKinds
{
    public const string Registered = "registered";
    public const string Assigned = "assigned";
    public const string Returned = "returned";
    public const string Retired = "retired";
    public const string Custody = "custody";
    public const string Network = "network";
}

/// <summary>A device as the fold of its changes (kept, since they may arrive in any order).</summary>
public sealed class DeviceState
{
    public Guid Id { get; set; }
    public string SchoolUrn { get; set; } = "";
    public List<DeviceChange> Changes { get; set; } = [];

    public const string Metric = "device";

    public sealed record Now(bool Retired, bool Assigned, bool Network, string? Custody);

    /// <summary>
    /// Held in custody while the latest custody step leaves it held: the contract's state says so (anything but
    /// not-held); events without a state are judged by the steps that end the chain.
    /// </summary>
    public static bool StillHeld(DeviceChange custody) => custody.CustodyState is { } state
        ? state != CustodyStates.NotHeld
        : !CustodySteps.EndTheChain.Contains(custody.CustodyStep);

    public Now State()
    {
        var ordered = Changes.OrderBy(c => c.At).ToList();
        var retired = ordered.Any(c => c.Kind == DeviceChangeKinds.Retired);
        var lastAssignment = ordered.LastOrDefault(c => c.Kind is DeviceChangeKinds.Assigned or DeviceChangeKinds.Returned);
        var lastCustody = ordered.LastOrDefault(c => c.Kind == DeviceChangeKinds.Custody);
        var lastNetwork = ordered.LastOrDefault(c => c.Kind == DeviceChangeKinds.Network);
        var held = lastCustody is not null && StillHeld(lastCustody);
        return new Now(retired, !retired && lastAssignment?.Kind == DeviceChangeKinds.Assigned,
            !retired && lastNetwork?.NetworkIdentityCurrent == true, held ? lastCustody!.CustodyStep : null);
    }

    public static void Contribute(RollupChanges r, DeviceState? d, int sign)
    {
        if (d is null || d.Changes.Count == 0) return;
        var s = d.State();
        r.Count(d.SchoolUrn, Metric, Timeless, Key(s.Retired ? "1" : "0", s.Assigned ? "1" : "0", s.Network ? "1" : "0", s.Custody ?? ""), sign);
    }

    public static async Task Apply(IDocumentSession session, DeviceChange change, RollupChanges r, CancellationToken ct)
    {
        await LockEntity(session, change.SchoolUrn, $"device:{change.DeviceId:N}", ct);
        var state = await session.LoadAsync<DeviceState>(change.DeviceId, ct);
        if (state?.Changes.Any(c => c.Id == change.Id) == true) return;
        Contribute(r, state, -1);
        state ??= new DeviceState { Id = change.DeviceId, SchoolUrn = change.SchoolUrn };
        state.Changes.Add(change);
        Contribute(r, state, +1);
        session.Store(state);
    }
}
