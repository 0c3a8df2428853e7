using JasperFx.Events.Projections;
using Marten;
using TrustSafety.DeviceRegister.Attribution;
using TrustSafety.DeviceRegister.AupSignatures;
using TrustSafety.DeviceRegister.Devices;
using TrustSafety.DeviceRegister.NetworkIdentities;

namespace TrustSafety.DeviceRegister;

/// <summary>Stable stored names for every event (a class rename never orphans stored events), projections and documents.</summary>
public static class DeviceRegisterStore
{
    public static void Configure(StoreOptions opts)
    {
        opts.Events.MapEventType<DeviceRegistered>("device_registered.v1");
        opts.Events.MapEventType<DeviceAssigned>("device_assigned.v1");
        opts.Events.MapEventType<DeviceReturned>("device_returned.v1");
        opts.Events.MapEventType<DeviceRetired>("device_retired.v1");
        opts.Events.MapEventType<DeviceReportedMissing>("device_reported_missing.v1");
        opts.Events.MapEventType<NetworkIdentityAdded>("network_identity_added.v1");
        opts.Events.MapEventType<NetworkIdentityEnded>("network_identity_ended.v1");
        opts.Events.MapEventType<CustodyStepRecorded>("custody_step_recorded.v1");
        opts.Projections.Snapshot<Device>(SnapshotLifecycle.Inline);
        opts.Projections.Add<NetworkLeaseProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<Device>().Index(d => d.SerialNumber!).Index(d => d.AssetTag!);
        opts.Schema.For<NetworkLease>().Index([l => l.Kind, l => l.Value]).Index([l => l.IpStart!, l => l.IpEnd!])
            .Metadata(m => m.TenantId.MapTo(l => l.TenantId));
        opts.Schema.For<PersonAupSignatures>().UseOptimisticConcurrency(true);
        opts.Schema.For<DeviceSighting>();
        opts.Schema.For<AttributionLookup>();
        opts.Schema.For<IdentityConflict>();
    }
}
