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
