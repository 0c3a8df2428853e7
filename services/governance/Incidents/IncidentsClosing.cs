using Marten;
using Marten.Metadata;
using MassTransit;
using TrustSafety.Contracts.Incident;
using TrustSafety.EventSourcing.Messaging;

namespace TrustSafety.Governance.Incidents;

/// <summary>What governance knows of an incident: its id and whether it is closed — no category, no text, no pupil.</summary>
public sealed class ClosedIncident : ITenanted
{
    public Guid Id { get; set; }
    public string? TenantId { get; set; }
    public DateTimeOffset ClosedAt { get; set; }
    public bool Closed { get; set; }
}

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
