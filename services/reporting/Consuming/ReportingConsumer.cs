using Marten;
using MassTransit;
using TrustSafety.Contracts;
using TrustSafety.Reporting.Rollups;
using TrustSafety.EventSourcing.Messaging;
using TrustSafety.Platform;

namespace TrustSafety.Reporting.Consuming;

/// <summary>
/// Takes one integration event into the read models once: the marker, the fact and its rollup changes commit together
/// in the event's school. Facts are keyed so that any delivery order converges on the same read models.
/// </summary>
public abstract class ReportingConsumer<TMessage>(IDocumentStore store, TimeProvider time) : IdempotentConsumer<TMessage>(store, time)
    where TMessage : class, IIntegrationEvent
{
    protected sealed override async Task Handle(TMessage message, IDocumentSession session, ConsumeContext<TMessage> context)
    {
        // A fact for a school this deployment does not know would be stored where no view can show it; failing
        // parks it in the _error queue, visible, until the school is configured and it is replayed
        // (tools/replay-errors.sh, docs/operations.md).
        if (UnknownSchool(message, context.GetServiceOrCreateInstance<TrustSchools>()) is { } unknown) throw unknown;
        var rollups = new RollupChanges();
        await Project(message, session, rollups, context.CancellationToken);
        rollups.Received(message.SchoolUrn, message.OccurredAt, Time.GetUtcNow());
        rollups.Stage(session);
    }

    /// <summary>Why a fact cannot be stored: its school is neither the trust nor in <c>Trust:Schools</c>; else null.</summary>
    public static UnknownSchoolException? UnknownSchool(TMessage message, TrustSchools trust) =>
        message.SchoolUrn != TrustTenant && trust.Find(message.SchoolUrn) is null
            ? new UnknownSchoolException(message.SchoolUrn, typeof(TMessage).Name)
            : null;

    /// <summary>Trust-level facts (e.g. filter events nobody could attribute to a school).</summary>
    public const string TrustTenant = "trust";

    /// <summary>Stage the fact on <paramref name="session"/> and what it changes in the rollups.</summary>
    protected abstract Task Project(TMessage message, IDocumentSession session, RollupChanges rollups, CancellationToken ct);
}

/// <summary>An integration event names a school that is not in <c>Trust:Schools</c>.</summary>
public sealed class UnknownSchoolException(string? schoolUrn, string message)
    : Exception($"{message} is for school '{schoolUrn}', which is not in Trust:Schools. Add the school to the configuration, restart reporting and replay the _error queue (docs/operations.md).");
