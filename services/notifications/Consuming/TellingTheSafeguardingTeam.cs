using Marten;
using MassTransit;
using TrustSafety.Contracts;
using TrustSafety.Contracts.FilteringIngest;
using TrustSafety.Contracts.Incident;
using TrustSafety.Notifications.Notices;
using TrustSafety.Notifications.Reminders;
using TrustSafety.EventSourcing.Messaging;

namespace TrustSafety.Notifications.Consuming;

/// <summary>An integration event becomes a notice, once per message, in the tenant the notice belongs to.</summary>
public abstract class TellingOf<TMessage>(IDocumentStore store, TimeProvider time, NoticeBoard board)
    : IdempotentConsumer<TMessage>(store, time) where TMessage : class, IIntegrationEvent
{
    protected abstract Notice NoticeOf(TMessage message);

    protected override Task Handle(TMessage message, IDocumentSession session, ConsumeContext<TMessage> context) =>
        board.StageAsync(session, NoticeOf(message), context.CancellationToken);

    protected override string TenantOf(ConsumeContext<TMessage> context) => NoticeOf(context.Message).SchoolUrn;
}

public sealed class TellOfIncidentReported(IDocumentStore store, TimeProvider time, NoticeBoard board)
    : TellingOf<IncidentReported>(store, time, board)
{
    protected override Notice NoticeOf(IncidentReported message) => NoticeRules.For(message);

    protected override async Task Handle(IncidentReported message, IDocumentSession session, ConsumeContext<IncidentReported> context)
    {
        await base.Handle(message, session, context);
        await Digest.ConcernWatches.ReportedAsync(session, message, context.CancellationToken);
    }
}

public sealed class TellOfSafeguardingAlert(IDocumentStore store, TimeProvider time, NoticeBoard board)
    : TellingOf<SafeguardingAlertRaised>(store, time, board)
{
    protected override Notice NoticeOf(SafeguardingAlertRaised message) => NoticeRules.For(message);
}

public sealed class TellOfUnattributedAlert(IDocumentStore store, TimeProvider time, NoticeBoard board)
    : TellingOf<UnattributedAlertRaised>(store, time, board)
{
    protected override Notice NoticeOf(UnattributedAlertRaised message) => NoticeRules.For(message);
}

public sealed class TellOfImmediateDanger(IDocumentStore store, TimeProvider time, NoticeBoard board)
    : TellingOf<ImmediateDangerRaised>(store, time, board)
{
    protected override Notice NoticeOf(ImmediateDangerRaised message) => NoticeRules.For(message);
}

public sealed class TellOfReferralMade(IDocumentStore store, TimeProvider time, NoticeBoard board)
    : TellingOf<ReferralMade>(store, time, board)
{
    protected override Notice NoticeOf(ReferralMade message) => NoticeRules.For(message);

    protected override async Task Handle(ReferralMade message, IDocumentSession session, ConsumeContext<ReferralMade> context)
    {
        await base.Handle(message, session, context);
        OverdueReferrals.Watch(session, await session.LoadAsync<ReferralWatch>(message.ReferralId, context.CancellationToken), message);
    }
}

public sealed class TellOfReferralOutcome(IDocumentStore store, TimeProvider time, NoticeBoard board)
    : TellingOf<ReferralOutcomeRecorded>(store, time, board)
{
    protected override Notice NoticeOf(ReferralOutcomeRecorded message) => NoticeRules.For(message);

    protected override async Task Handle(ReferralOutcomeRecorded message, IDocumentSession session, ConsumeContext<ReferralOutcomeRecorded> context)
    {
        await base.Handle(message, session, context);
        OverdueReferrals.Resolve(session, await session.LoadAsync<ReferralWatch>(message.ReferralId, context.CancellationToken), message);
    }
}

public sealed class TellOfReferralOutcomeV2(IDocumentStore store, TimeProvider time, NoticeBoard board)
    : TellingOf<ReferralOutcomeRecordedV2>(store, time, board)
{
    protected override Notice NoticeOf(ReferralOutcomeRecordedV2 message) => NoticeRules.For(message);

    protected override async Task Handle(ReferralOutcomeRecordedV2 message, IDocumentSession session, ConsumeContext<ReferralOutcomeRecordedV2> context)
    {
        await base.Handle(message, session, context);
        OverdueReferrals.Resolve(session, await session.LoadAsync<ReferralWatch>(message.ReferralId, context.CancellationToken),
            new ReferralOutcomeRecorded(message.IncidentId, message.ReferralId, message.SchoolUrn, message.OccurredAt, message.Destination, ""));
    }
}

/// <summary>The colleague given a task is told (in-app and by email) and the task is watched until done or overdue.</summary>
public sealed class TellOfTaskAssigned(IDocumentStore store, TimeProvider time, NoticeBoard board)
    : TellingOf<TaskAssigned>(store, time, board)
{
    protected override Notice NoticeOf(TaskAssigned message) => NoticeRules.For(message);

    protected override async Task Handle(TaskAssigned message, IDocumentSession session, ConsumeContext<TaskAssigned> context)
    {
        await base.Handle(message, session, context);
        OverdueTasks.Watch(session, await session.LoadAsync<TaskWatch>(message.TaskId, context.CancellationToken), message);
    }
}

/// <summary>A completed task stops its reminder; whoever gave it is told in-app.</summary>
public sealed class TellOfTaskCompleted(IDocumentStore store, TimeProvider time, NoticeBoard board)
    : IdempotentConsumer<TaskCompleted>(store, time)
{
    protected override async Task Handle(TaskCompleted message, IDocumentSession session, ConsumeContext<TaskCompleted> context)
    {
        var watch = await session.LoadAsync<TaskWatch>(message.TaskId, context.CancellationToken);
        if (NoticeRules.For(message, watch?.AssignedBy) is { } notice) await board.StageAsync(session, notice, context.CancellationToken);
        OverdueTasks.Resolve(session, watch, message);
    }

    protected override string TenantOf(ConsumeContext<TaskCompleted> context) => context.Message.SchoolUrn;
}
