using Marten;
using MassTransit;
using TrustSafety.Contracts.Incident;
using TrustSafety.Governance.Group;
using TrustSafety.EventSourcing.Messaging;

namespace TrustSafety.Governance.Incidents;

/// <summary>Governance learns that an incident closed (id and time only), so the DSL may record a lesson learnt from it.</summary>
public sealed class NoteIncidentClosed(IDocumentStore store, TimeProvider time) : IdempotentConsumer<IncidentClosed>(store, time)
{
    protected override async Task Handle(IncidentClosed message, IDocumentSession session, ConsumeContext<IncidentClosed> context)
    {
        var known = await session.LoadAsync<ClosedIncident>(message.IncidentId, context.CancellationToken);
        if (known is not null && known.ClosedAt > message.OccurredAt) return;
        session.Store(new ClosedIncident { Id = message.IncidentId, ClosedAt = message.OccurredAt, Closed = true });
    }
}

public sealed class NoteIncidentReopened(IDocumentStore store, TimeProvider time) : IdempotentConsumer<IncidentReopened>(store, time)
{
    protected override async Task Handle(IncidentReopened message, IDocumentSession session, ConsumeContext<IncidentReopened> context)
    {
        var known = await session.LoadAsync<ClosedIncident>(message.IncidentId, context.CancellationToken);
        if (known is not null && known.ClosedAt > message.OccurredAt) return;
        session.Store(new ClosedIncident { Id = message.IncidentId, ClosedAt = message.OccurredAt, Closed = false });
    }
}
