using JasperFx.Events;
using TrustSafety.Contracts;
using TrustSafety.DeviceRegister.Devices;
using TrustSafety.EventSourcing.EventStore;
using Published = TrustSafety.Contracts.DeviceRegister;

namespace TrustSafety.DeviceRegister.IntegrationEvents;

/// <summary>What the register tells the others: filtering-ingest follows identities and assignments, reporting everything.</summary>
public sealed class DeviceIntegrationEvents : IIntegrationEventMapper
{
    public IReadOnlyCollection<Type> ForwardedEventTypes { get; } =
    [
        typeof(DeviceRegistered), typeof(DeviceAssigned), typeof(DeviceReturned), typeof(DeviceRetired),
        typeof(DeviceReportedMissing), typeof(NetworkIdentityAdded), typeof(NetworkIdentityEnded), typeof(CustodyStepRecorded),
    ];

    public IIntegrationEvent? Map(IEvent committed)
    {
        var school = committed.TenantId;
        return committed.Data switch
        {
            DeviceRegistered e => new Published.DeviceRegistered(e.DeviceId, school, e.At, e.Kind, e.AssetTag, e.Ownership),
            DeviceAssigned e => new Published.DeviceAssigned(e.DeviceId, school, e.At, e.AssigneeKind, e.AssigneeId,
                e.AupOverrideReason is not null),
            DeviceReturned e => new Published.DeviceReturned(e.DeviceId, school, e.At),
            DeviceRetired e => new Published.DeviceRetired(e.DeviceId, school, e.At, e.Reason),
            DeviceReportedMissing e => new Published.DeviceReportedMissing(e.DeviceId, school, e.At, e.Kind),
            NetworkIdentityAdded e => new Published.DeviceNetworkIdentityChanged(e.DeviceId, school, e.At, e.Kind,
                PublishedValue(e.Kind, e.Value), e.ValidFrom, e.ValidTo, e.AssigneeKind, e.AssigneeId, e.IdentityId),
            NetworkIdentityEnded e => new Published.DeviceNetworkIdentityChanged(e.DeviceId, school, e.At, e.Kind,
                PublishedValue(e.Kind, e.Value), e.ValidFrom, e.ValidTo, null, null, e.IdentityId),
            CustodyStepRecorded e => new Published.DeviceCustodyChanged(e.DeviceId, school, e.At, e.Step, e.IncidentId, e.ToState,
                e.Ownership),
            _ => null,
        };
    }

    /// <summary>A sign-in account names a person (often a pupil): it stays in the register and is never published.</summary>
    private static string PublishedValue(string kind, string value) => kind == IdentityKinds.User ? "" : value;
}
