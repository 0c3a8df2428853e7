using Marten;
using MassTransit;
using TrustSafety.Contracts;
using TrustSafety.Reporting.Freshness;
using TrustSafety.Reporting.Trust;
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
        // A fact for a school this deployment does not know would be stored where no view can show it; failing
        // parks it in the _error queue, visible, until the school is configured and it is replayed
        // (tools/replay-errors.sh, docs/operations.md).
        if (UnknownSchool(message, context.GetServiceOrCreateInstance<TrustOptions>()) is { } unknown) throw unknown;
        await Project(message, context.MessageId!.Value, session, context.CancellationToken);
        session.Store(ReceiptFor(context.MessageId!.Value, message, time));
    }

    /// <summary>Why a fact cannot be stored: its school is neither the trust nor in <c>Trust:Schools</c>; else null.</summary>
    public static UnknownSchoolException? UnknownSchool(TMessage message, TrustOptions trust) =>
        message.SchoolUrn != TrustTenant && trust.Find(message.SchoolUrn) is null
            ? new UnknownSchoolException(message.SchoolUrn, typeof(TMessage).Name)
            : null;

    /// <summary>When reporting took this message in: what the views' "as of" and lag are computed from.</summary>
    public static Receipt ReceiptFor(Guid messageId, TMessage message, TimeProvider time) => new()
    {
        Id = messageId, SchoolUrn = message.SchoolUrn, Message = typeof(TMessage).Name,
        OccurredAt = message.OccurredAt, ProcessedAt = time.GetUtcNow(),
    };

    /// <summary>Trust-level facts (e.g. filter events nobody could attribute to a school).</summary>
    public const string TrustTenant = "trust";

    protected abstract Task Project(TMessage message, Guid messageId, IDocumentSession session, CancellationToken ct);
}

/// <summary>An integration event names a school that is not in <c>Trust:Schools</c>.</summary>
public sealed class UnknownSchoolException(string? schoolUrn, string message)
    : Exception($"{message} is for school '{schoolUrn}', which is not in Trust:Schools. Add the school to the configuration, restart reporting and replay the _error queue (docs/operations.md).");
