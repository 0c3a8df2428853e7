using MassTransit;

namespace TrustSafety.Contracts.DeviceRegister;

[MessageUrn("trustsafety:device-registered:v1")]
[EntityName("trustsafety.device-registered.v1")]
public sealed record DeviceRegistered(
    Guid DeviceId, string SchoolUrn, DateTimeOffset OccurredAt, string Kind, string? AssetTag) : IIntegrationEvent;

/// <summary>AssigneeKind: staff, pupil, class, room. AssigneeId is an internal id, never a name.</summary>
[MessageUrn("trustsafety:device-assigned:v1")]
[EntityName("trustsafety.device-assigned.v1")]
public sealed record DeviceAssigned(
    Guid DeviceId, string SchoolUrn, DateTimeOffset OccurredAt, string AssigneeKind, string AssigneeId,
    bool AupOverridden) : IIntegrationEvent;

[MessageUrn("trustsafety:device-returned:v1")]
[EntityName("trustsafety.device-returned.v1")]
public sealed record DeviceReturned(Guid DeviceId, string SchoolUrn, DateTimeOffset OccurredAt) : IIntegrationEvent;

[MessageUrn("trustsafety:device-retired:v1")]
[EntityName("trustsafety.device-retired.v1")]
public sealed record DeviceRetired(Guid DeviceId, string SchoolUrn, DateTimeOffset OccurredAt, string Reason) : IIntegrationEvent;

/// <summary>Kind: ip, ip-range, hostname, mac. ValidTo null = still current.</summary>
[MessageUrn("trustsafety:device-network-identity-changed:v1")]
[EntityName("trustsafety.device-network-identity-changed.v1")]
public sealed record DeviceNetworkIdentityChanged(
    Guid DeviceId, string SchoolUrn, DateTimeOffset OccurredAt, string Kind, string Value,
    DateTimeOffset ValidFrom, DateTimeOffset? ValidTo, string? AssigneeKind, string? AssigneeId) : IIntegrationEvent;

/// <summary>A step in a device's evidential custody chain (quarantined, confiscated, examined, handed-to-police, returned…).</summary>
[MessageUrn("trustsafety:device-custody-changed:v1")]
[EntityName("trustsafety.device-custody-changed.v1")]
public sealed record DeviceCustodyChanged(
    Guid DeviceId, string SchoolUrn, DateTimeOffset OccurredAt, string Step, Guid? IncidentId) : IIntegrationEvent;
