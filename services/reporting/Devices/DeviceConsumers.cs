using Marten;
using TrustSafety.Contracts.DeviceRegister;
using TrustSafety.Reporting.Consuming;
using TrustSafety.Reporting.Rollups;
using K = TrustSafety.Reporting.Devices.DeviceChangeKinds;

namespace TrustSafety.Reporting.Devices;

/// <summary>Each change's id comes from the device, kind and time, so a redelivery under another message id is one change.</summary>
internal static class DeviceChangeId
{
    public static Guid For(Guid device, string kind, DateTimeOffset at, string? detail = null) =>
        new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes($"{device:N}|{kind}|{at.UtcTicks}|{detail}")));
}

public sealed class DeviceRegisteredConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<DeviceRegistered>(store, time)
{
    protected override Task Project(DeviceRegistered m, IDocumentSession session, RollupChanges rollups, CancellationToken ct) =>
        DeviceState.Apply(session, new DeviceChange { Id = DeviceChangeId.For(m.DeviceId, K.Registered, m.OccurredAt), DeviceId = m.DeviceId,
            SchoolUrn = m.SchoolUrn, Kind = K.Registered, At = m.OccurredAt, DeviceKind = m.Kind }, rollups, ct);
}

public sealed class DeviceAssignedConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<DeviceAssigned>(store, time)
{
    protected override Task Project(DeviceAssigned m, IDocumentSession session, RollupChanges rollups, CancellationToken ct) =>
        DeviceState.Apply(session, new DeviceChange { Id = DeviceChangeId.For(m.DeviceId, K.Assigned, m.OccurredAt), DeviceId = m.DeviceId,
            SchoolUrn = m.SchoolUrn, Kind = K.Assigned, At = m.OccurredAt, AssigneeKind = m.AssigneeKind }, rollups, ct);
}

public sealed class DeviceReturnedConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<DeviceReturned>(store, time)
{
    protected override Task Project(DeviceReturned m, IDocumentSession session, RollupChanges rollups, CancellationToken ct) =>
        DeviceState.Apply(session, new DeviceChange { Id = DeviceChangeId.For(m.DeviceId, K.Returned, m.OccurredAt), DeviceId = m.DeviceId,
            SchoolUrn = m.SchoolUrn, Kind = K.Returned, At = m.OccurredAt }, rollups, ct);
}

public sealed class DeviceRetiredConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<DeviceRetired>(store, time)
{
    protected override Task Project(DeviceRetired m, IDocumentSession session, RollupChanges rollups, CancellationToken ct) =>
        DeviceState.Apply(session, new DeviceChange { Id = DeviceChangeId.For(m.DeviceId, K.Retired, m.OccurredAt), DeviceId = m.DeviceId,
            SchoolUrn = m.SchoolUrn, Kind = K.Retired, At = m.OccurredAt }, rollups, ct);
}

public sealed class DeviceCustodyChangedConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<DeviceCustodyChanged>(store, time)
{
    protected override Task Project(DeviceCustodyChanged m, IDocumentSession session, RollupChanges rollups, CancellationToken ct) =>
        DeviceState.Apply(session, new DeviceChange { Id = DeviceChangeId.For(m.DeviceId, K.Custody, m.OccurredAt, m.Step), DeviceId = m.DeviceId,
            SchoolUrn = m.SchoolUrn, Kind = K.Custody, At = m.OccurredAt, CustodyStep = m.Step, CustodyState = m.State }, rollups, ct);
}

public sealed class DeviceNetworkIdentityChangedConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<DeviceNetworkIdentityChanged>(store, time)
{
    protected override Task Project(DeviceNetworkIdentityChanged m, IDocumentSession session, RollupChanges rollups, CancellationToken ct) =>
        DeviceState.Apply(session, new DeviceChange { Id = DeviceChangeId.For(m.DeviceId, K.Network, m.OccurredAt, $"{m.ValidFrom.UtcTicks}|{m.ValidTo?.UtcTicks}"),
            DeviceId = m.DeviceId, SchoolUrn = m.SchoolUrn, Kind = K.Network, At = m.OccurredAt, NetworkIdentityCurrent = m.ValidTo is null }, rollups, ct);
}
