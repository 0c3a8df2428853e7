using Marten;
using MassTransit;
using TrustSafety.Contracts;
using TrustSafety.EventSourcing.EventStore;

namespace TrustSafety.EventSourcing.Messaging;

/// <summary>
/// A consumer whose effect happens once per message: the processed-message marker is committed in the same
/// transaction as the consumer's own write, in the tenant (school) the message belongs to.
/// </summary>
public abstract class IdempotentConsumer<TMessage>(IDocumentStore store, TimeProvider time) : IConsumer<TMessage>
    where TMessage : class, IIntegrationEvent
{
    /// <summary>The service's clock (the marker's time, and the consumer's own reads of now).</summary>
    protected TimeProvider Time => time;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException("An integration event must carry a MessageId.");
        var markerId = ProcessedMessages.MarkerId(messageId, GetType());
        await using var session = store.LightweightSession(TenantOf(context));
        if (await session.LoadAsync<ProcessedMessage>(markerId, context.CancellationToken) is not null) return;

        session.Insert(new ProcessedMessage { Id = markerId, Consumer = GetType().Name, At = time.GetUtcNow() });
        await Handle(context.Message, session, context);
        try
        {
            await session.SaveChangesAsync(context.CancellationToken);
        }
        catch (Exception ex) when (ProcessedMessages.IsDuplicateMarker(ex))
        {
            // A concurrent delivery of the same message committed first: its effect already stands.
        }
    }

    /// <summary>Stage the consumer's writes on <paramref name="session"/>; the base class commits them with the marker.</summary>
    protected abstract Task Handle(TMessage message, IDocumentSession session, ConsumeContext<TMessage> context);

    /// <summary>The tenant the write belongs to; the message's school by default.</summary>
    protected virtual string TenantOf(ConsumeContext<TMessage> context) => context.Message.SchoolUrn;

}

public static class ProcessedMessages
{
    /// <summary>One marker per consumer type, so two consumers in the same service can each process a message once.</summary>
    public static Guid MarkerId(Guid messageId, Type consumer)
    {
        var bytes = messageId.ToByteArray();
        var salt = System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(consumer.FullName!));
        for (var i = 0; i < 16; i++) bytes[i] ^= salt[i];
        return new Guid(bytes);
    }

    public static bool IsDuplicateMarker(Exception ex) =>
        ex is JasperFx.DocumentAlreadyExistsException
        || ex.InnerException is Npgsql.PostgresException { SqlState: "23505" };
}
