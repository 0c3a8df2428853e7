using Marten;
using MassTransit;
using TrustSafety.Contracts;
using TrustSafety.Reporting.Freshness;
using TrustSafety.ServiceDefaults.Messaging;

namespace TrustSafety.Reporting.Consuming;

/// <summary>
/// Takes one integration event into the read models once (marker, facts and receipt commit together in the
/// event's school). Facts are keyed so that any delivery order converges on the same read models.
/// </summary>
public abstract class ReportingConsumer<TMessage>(IDocumentStore store, TimeProvider time) : IdempotentConsumer<TMessage>(store)
    where TMessage : class, IIntegrationEvent
{
    protected sealed override async Task Handle(TMessage message, IDocumentSession session, ConsumeContext<TMessage> context)
    {
        await Project(message, context.MessageId!.Value, session, context.CancellationToken);
        session.Store(new Receipt
        {
            Id = context.MessageId!.Value,
            SchoolUrn = message.SchoolUrn,
            Message = typeof(TMessage).Name,
            OccurredAt = message.OccurredAt,
            ProcessedAt = time.GetUtcNow(),
        });
    }

    protected abstract Task Project(TMessage message, Guid messageId, IDocumentSession session, CancellationToken ct);
}
