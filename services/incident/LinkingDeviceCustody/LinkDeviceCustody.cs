using Marten;
using MassTransit;
using TrustSafety.Contracts.DeviceRegister;
using TrustSafety.Incident.Incidents;
using TrustSafety.EventSourcing.Messaging;

namespace TrustSafety.Incident.LinkingDeviceCustody;

/// <summary>Custody steps device-register records against an incident join that incident's timeline.</summary>
public sealed class LinkDeviceCustody(IDocumentStore store, TimeProvider time) : IdempotentConsumer<DeviceCustodyChanged>(store, time)
{
    protected override async Task Handle(DeviceCustodyChanged message, IDocumentSession session, ConsumeContext<DeviceCustodyChanged> context)
    {
        if (message.IncidentId is not { } incidentId) return;
        var state = await session.Events.FetchStreamStateAsync(incidentId, context.CancellationToken);
        if (state is null) return;
        session.Events.Append(incidentId, new DeviceCustodyLinked(incidentId, message.DeviceId, message.Step, message.OccurredAt));
    }
}
