using MassTransit;

namespace TrustSafety.Contracts.DeviceRegister;

[MessageUrn("trustsafety:device-registered:v1")]
[EntityName("trustsafety.device-registered.v1")]
public sealed record DeviceRegistered(
    Guid DeviceId, string SchoolUrn, DateTimeOffset OccurredAt, string Kind, string? AssetTag,
    string Ownership = "school") : IIntegrationEvent;

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

/// <summary>
/// Kind: ip, ip-range (value "first-last", IPv4), hostname, mac (aa:bb:cc:dd:ee:ff), user (a sign-in account: personal data,
/// so Value is always empty here; only device-register holds it). ValidTo null = still current; the same
/// IdentityId arrives again with ValidTo set when the identity ends (e.g. the DHCP lease moved to another device).
/// Assignee: the device's assignee when the identity was recorded; follow DeviceAssigned/DeviceReturned for later changes.
/// </summary>
[MessageUrn("trustsafety:device-network-identity-changed:v1")]
[EntityName("trustsafety.device-network-identity-changed.v1")]
public sealed record DeviceNetworkIdentityChanged(
    Guid DeviceId, string SchoolUrn, DateTimeOffset OccurredAt, string Kind, string Value,
    DateTimeOffset ValidFrom, DateTimeOffset? ValidTo, string? AssigneeKind, string? AssigneeId,
    Guid? IdentityId = null) : IIntegrationEvent;

/// <summary>
/// A step in a device's evidential custody chain. Step: handed-in, stored, quarantined, examined, handed-to-police,
/// returned-by-police, returned-to-parent, released. State: the custody state after the step (not-held when the chain
/// ends). Ownership: school, or pupil-personal for a confiscated phone.
/// </summary>
[MessageUrn("trustsafety:device-custody-changed:v1")]
[EntityName("trustsafety.device-custody-changed.v1")]
public sealed record DeviceCustodyChanged(
    Guid DeviceId, string SchoolUrn, DateTimeOffset OccurredAt, string Step, Guid? IncidentId,
    string? State = null, string? Ownership = null) : IIntegrationEvent;

/// <summary>Kind: lost or stolen.</summary>
[MessageUrn("trustsafety:device-reported-missing:v1")]
[EntityName("trustsafety.device-reported-missing.v1")]
public sealed record DeviceReportedMissing(Guid DeviceId, string SchoolUrn, DateTimeOffset OccurredAt, string Kind) : IIntegrationEvent;
