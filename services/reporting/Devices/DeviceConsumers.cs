using Marten;
using TrustSafety.Contracts.DeviceRegister;
using TrustSafety.Reporting.Consuming;
using K = TrustSafety.Reporting.Devices.DeviceChangeKinds;

namespace TrustSafety.Reporting.Devices;

public sealed class DeviceRegisteredConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<DeviceRegistered>(store, time)
{
    protected override Task Project(DeviceRegistered m, Guid messageId, IDocumentSession session, CancellationToken ct)
    {
        session.Store(new DeviceChange { Id = messageId, DeviceId = m.DeviceId, SchoolUrn = m.SchoolUrn, Kind = K.Registered, At = m.OccurredAt, DeviceKind = m.Kind });
        return Task.CompletedTask;
    }
}

public sealed class DeviceAssignedConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<DeviceAssigned>(store, time)
{
    protected override Task Project(DeviceAssigned m, Guid messageId, IDocumentSession session, CancellationToken ct)
    {
        session.Store(new DeviceChange { Id = messageId, DeviceId = m.DeviceId, SchoolUrn = m.SchoolUrn, Kind = K.Assigned, At = m.OccurredAt, AssigneeKind = m.AssigneeKind });
        return Task.CompletedTask;
    }
}

public sealed class DeviceReturnedConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<DeviceReturned>(store, time)
{
    protected override Task Project(DeviceReturned m, Guid messageId, IDocumentSession session, CancellationToken ct)
    {
        session.Store(new DeviceChange { Id = messageId, DeviceId = m.DeviceId, SchoolUrn = m.SchoolUrn, Kind = K.Returned, At = m.OccurredAt });
        return Task.CompletedTask;
    }
}

public sealed class DeviceRetiredConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<DeviceRetired>(store, time)
{
    protected override Task Project(DeviceRetired m, Guid messageId, IDocumentSession session, CancellationToken ct)
    {
        session.Store(new DeviceChange { Id = messageId, DeviceId = m.DeviceId, SchoolUrn = m.SchoolUrn, Kind = K.Retired, At = m.OccurredAt });
        return Task.CompletedTask;
    }
}

public sealed class DeviceCustodyChangedConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<DeviceCustodyChanged>(store, time)
{
    protected override Task Project(DeviceCustodyChanged m, Guid messageId, IDocumentSession session, CancellationToken ct)
    {
        session.Store(new DeviceChange { Id = messageId, DeviceId = m.DeviceId, SchoolUrn = m.SchoolUrn, Kind = K.Custody, At = m.OccurredAt, CustodyStep = m.Step });
        return Task.CompletedTask;
    }
}

public sealed class DeviceNetworkIdentityChangedConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<DeviceNetworkIdentityChanged>(store, time)
{
    protected override Task Project(DeviceNetworkIdentityChanged m, Guid messageId, IDocumentSession session, CancellationToken ct)
    {
        session.Store(new DeviceChange { Id = messageId, DeviceId = m.DeviceId, SchoolUrn = m.SchoolUrn, Kind = K.Network, At = m.OccurredAt,
            NetworkIdentityCurrent = m.ValidTo is null });
        return Task.CompletedTask;
    }
}
