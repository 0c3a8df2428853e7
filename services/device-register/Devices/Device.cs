using CustodySteps = TrustSafety.Contracts.DeviceRegister.CustodySteps;
using CustodyStates = TrustSafety.Contracts.DeviceRegister.CustodyStates;
using TrustSafety.DeviceRegister.Custody;

namespace TrustSafety.DeviceRegister.Devices;

public sealed class Assignment
{
    public string AssigneeKind { get; set; } = "";
    public string AssigneeId { get; set; } = "";
    public bool AupCurrent { get; set; }
    public string? AupOverrideReason { get; set; }
    public string AssignedBy { get; set; } = "";
    public DateTimeOffset AssignedAt { get; set; }
    public DateTimeOffset? ReturnedAt { get; set; }
    public string? ReturnedBy { get; set; }
    public bool CoversTime(DateTimeOffset at) => AssignedAt <= at && (ReturnedAt is null || at < ReturnedAt);
}

public sealed class NetworkIdentity
{
    public Guid Id { get; set; }
    public string Kind { get; set; } = "";
    public string Value { get; set; } = "";
    public DateTimeOffset ValidFrom { get; set; }
    public DateTimeOffset? ValidTo { get; set; }
}

public sealed class CustodyStep
{
    public string Step { get; set; } = "";
    public string FromState { get; set; } = "";
    public string ToState { get; set; } = "";
    public string Location { get; set; } = "";
    public Guid? IncidentId { get; set; }
    public string? SealNumber { get; set; }
    public string? PowerState { get; set; }
    public string? AuthorisedBy { get; set; }
    public string? ActionsTaken { get; set; }
    public string? PoliceReference { get; set; }
    public string? ReceivedBy { get; set; }
    public string? Reason { get; set; }
    public string ByUserId { get; set; } = "";
    public string ByName { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

/// <summary>A device's stream folded into one document (inline snapshot): the register's rows and every history.</summary>
public sealed class Device
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public string Kind { get; set; } = "";
    public string Ownership { get; set; } = Ownerships.School;
    public string? Make { get; set; }
    public string? Model { get; set; }
    public string? SerialNumber { get; set; }
    public string? AssetTag { get; set; }
    public string? MdmId { get; set; }
    public string? OperatingSystem { get; set; }
    public string? Name { get; set; }
    public string? OwnerPupilId { get; set; }
    public string Status { get; set; } = DeviceStatuses.Active;
    public string? StatusReason { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
    public Assignment? CurrentAssignment { get; set; }
    public List<Assignment> Assignments { get; set; } = [];
    public List<NetworkIdentity> Identities { get; set; } = [];
    public string CustodyState { get; set; } = CustodyStates.NotHeld;
    public string? PoliceReference { get; set; }
    public List<CustodyStep> Custody { get; set; } = [];

    public static Device Create(DeviceRegistered e) => new()
    {
        Id = e.DeviceId, Kind = e.Kind, Ownership = e.Ownership, Make = e.Make, Model = e.Model,
        SerialNumber = e.SerialNumber, AssetTag = e.AssetTag, MdmId = e.MdmId, OperatingSystem = e.OperatingSystem,
        Name = e.Name, OwnerPupilId = e.OwnerPupilId, RegisteredAt = e.At,
    };

    public void Apply(DeviceAssigned e)
    {
        CurrentAssignment = new Assignment
        {
            AssigneeKind = e.AssigneeKind, AssigneeId = e.AssigneeId, AupCurrent = e.AupCurrent,
            AupOverrideReason = e.AupOverrideReason, AssignedBy = e.By.Name, AssignedAt = e.At,
        };
        Assignments.Add(CurrentAssignment);
    }

    public void Apply(DeviceReturned e)
    {
        if (CurrentAssignment is null) return;
        CurrentAssignment.ReturnedAt = e.At;
        CurrentAssignment.ReturnedBy = e.By.Name;
        CurrentAssignment = null;
    }

    public void Apply(DeviceRetired e) { Status = DeviceStatuses.Retired; StatusReason = e.Reason; }

    public void Apply(DeviceReportedMissing e) { Status = e.Kind; StatusReason = e.Note; }

    public void Apply(NetworkIdentityAdded e) => Identities.Add(new NetworkIdentity
        { Id = e.IdentityId, Kind = e.Kind, Value = e.Value, ValidFrom = e.ValidFrom, ValidTo = e.ValidTo });

    public void Apply(NetworkIdentityEnded e)
    {
        var identity = Identities.FirstOrDefault(i => i.Id == e.IdentityId);
        if (identity is not null) identity.ValidTo = e.ValidTo;
    }

    public void Apply(CustodyStepRecorded e)
    {
        CustodyState = e.ToState;
        if (e.PoliceReference is not null) PoliceReference = e.PoliceReference;
        Custody.Add(new CustodyStep
        {
            Step = e.Step, FromState = e.FromState, ToState = e.ToState, Location = e.Location, IncidentId = e.IncidentId,
            SealNumber = e.SealNumber, PowerState = e.PowerState, AuthorisedBy = e.AuthorisedBy, ActionsTaken = e.ActionsTaken,
            PoliceReference = e.PoliceReference, ReceivedBy = e.ReceivedBy, Reason = e.Reason, ByUserId = e.By.UserId,
            ByName = e.By.Name, At = e.At,
        });
    }

    public Assignment? AssignmentAt(DateTimeOffset at) => Assignments.LastOrDefault(a => a.CoversTime(at));
}
