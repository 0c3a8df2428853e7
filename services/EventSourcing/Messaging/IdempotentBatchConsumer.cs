using Marten;
using MassTransit;
using TrustSafety.Contracts;
using TrustSafety.EventSourcing.EventStore;

namespace TrustSafety.EventSourcing.Messaging;

/// <summary>
/// The batch form of <see cref="IdempotentConsumer{TMessage}"/> for high-volume messages: MassTransit hands over up to
/// <see cref="BatchOptions.MessageLimit"/> messages at once and they are taken in with ONE query for the markers already
/// committed and ONE transaction for the markers and every school's writes. A message is still processed once: a
/// redelivery finds its marker; two concurrent batches sharing a message collide on the marker's key, the losing
/// batch is rolled back whole and retried, and the retry skips what the winner committed.
/// </summary>
public abstract class IdempotentBatchConsumer<TMessage>(IDocumentStore store, TimeProvider time) : IConsumer<Batch<TMessage>>
    where TMessage : class, IIntegrationEvent
{
    /// <summary>The service's clock (the markers' time, and the consumer's own reads of now).</summary>
    protected TimeProvider Time => time;

    public async Task Consume(ConsumeContext<Batch<TMessage>> context)
    {
        var consumer = GetType();
        var received = context.Message
            .Select(m => (Context: m, Marker: ProcessedMessages.MarkerId(
                m.MessageId ?? throw new InvalidOperationException("An integration event must carry a MessageId."), consumer)))
            .DistinctBy(m => m.Marker)
            .ToList();

        await using var session = store.LightweightSession();
        var markers = received.Select(m => m.Marker).ToArray();
        var done = (await session.Query<ProcessedMessage>()
                .Where(m => m.AnyTenant() && m.Id.IsOneOf(markers))
                .Select(m => m.Id)
                .ToListAsync(context.CancellationToken))
            .ToHashSet();
        var verdicts = received.Where(m => !done.Contains(m.Marker)).Select(m => (m.Context, m.Marker, Refused: Refuse(m.Context.Message))).ToList();
        var refused = verdicts.Select(v => v.Refused).OfType<Exception>().FirstOrDefault();
        var fresh = verdicts.Where(v => v.Refused is null).ToList();

        var now = time.GetUtcNow();
        foreach (var school in fresh.GroupBy(m => TenantOf(m.Context.Message), StringComparer.Ordinal))
        {
            var operations = session.ForTenant(school.Key);
            foreach (var m in school) operations.Insert(new ProcessedMessage { Id = m.Marker, Consumer = consumer.Name, At = now });
            await Handle(school.Select(m => m.Context).ToList(), operations, context.CancellationToken);
        }
        if (fresh.Count > 0) await session.SaveChangesAsync(context.CancellationToken);
        // The others are committed; failing now sends the batch to retries and then the _error queue, where the
        // refused message waits visibly for a fix and a replay (which skips the committed ones by their markers).
        if (refused is not null) throw refused;
    }

    /// <summary>Why a message cannot be taken in (e.g. a school this deployment does not know), or null.</summary>
    protected virtual Exception? Refuse(TMessage message) => null;

    /// <summary>Stage one school's writes for its fresh messages; the base class commits them with the markers.</summary>
    protected abstract Task Handle(IReadOnlyList<ConsumeContext<TMessage>> messages, IDocumentOperations school, CancellationToken ct);

    /// <summary>The tenant a message's writes belong to; its school by default.</summary>
    protected virtual string TenantOf(TMessage message) => message.SchoolUrn;
}
