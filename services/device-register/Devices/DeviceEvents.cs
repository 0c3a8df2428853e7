using TrustSafety.EventSourcing;

namespace TrustSafety.DeviceRegister.Devices;

/// <summary>
/// Who acted, as every change to a device stores it (with when): the platform's <see cref="Actor"/> without its roles. Stored as
/// <c>{"UserId": …, "Name": …}</c>; no type name is stored, so renaming it leaves stored events loading.
/// </summary>
public sealed record RecordedBy(string UserId, string Name)
{
    public static RecordedBy Of(Actor actor) => new(actor.Id, actor.Name);
}

public sealed record DeviceRegistered(
    Guid DeviceId, string Kind, string Ownership, string? Make, string? Model, string? SerialNumber, string? AssetTag,
    string? MdmId, string? OperatingSystem, string? Name, string? OwnerPupilId, RecordedBy By, DateTimeOffset At);

public sealed record DeviceAssigned(
    Guid DeviceId, string AssigneeKind, string AssigneeId, bool AupCurrent, string? AupOverrideReason, RecordedBy By,
    DateTimeOffset At);

public sealed record DeviceReturned(Guid DeviceId, string AssigneeKind, string AssigneeId, string? Note, RecordedBy By, DateTimeOffset At);

public sealed record DeviceRetired(Guid DeviceId, string Reason, RecordedBy By, DateTimeOffset At);

public sealed record DeviceReportedMissing(Guid DeviceId, string Kind, string? Note, RecordedBy By, DateTimeOffset At);

/// <summary>The assignee at the time travels with the fact, so filtering-ingest's cache can attribute a user without asking.</summary>
public sealed record NetworkIdentityAdded(
    Guid DeviceId, Guid IdentityId, string Kind, string Value, DateTimeOffset ValidFrom, DateTimeOffset? ValidTo, RecordedBy By,
    DateTimeOffset At, string? AssigneeKind = null, string? AssigneeId = null);

public sealed record NetworkIdentityEnded(
    Guid DeviceId, Guid IdentityId, string Kind, string Value, DateTimeOffset ValidFrom, DateTimeOffset ValidTo, RecordedBy By,
    DateTimeOffset At);

/// <summary>One step in the custody chain. Only the fields the step needs are set (see <see cref="Custody.CustodyDecider"/>).</summary>
public sealed record CustodyStepRecorded(
    Guid DeviceId, string Step, string FromState, string ToState, string Location, Guid? IncidentId, string? SealNumber,
    string? PowerState, string? AuthorisedBy, string? ActionsTaken, string? PoliceReference, string? ReceivedBy,
    string? Reason, RecordedBy By, DateTimeOffset At, string Ownership = Ownerships.School);
