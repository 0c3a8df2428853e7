using Marten;
using MassTransit;
using TrustSafety.Contracts.Governance;
using TrustSafety.Notifications.Notices;
using TrustSafety.EventSourcing.Messaging;

namespace TrustSafety.Notifications.Reminders;

/// <summary>One required training (or the induction) and the moment it is overdue from (UK time), remembered once reminded.</summary>
public sealed class TrainingDue
{
    public string Kind { get; set; } = "";
    /// <summary>The last day it counts (for never-done training and the induction: the day they were due by).</summary>
    public DateOnly DueOn { get; set; }
    public bool NeverDone { get; set; }
    public DateTimeOffset OverdueFrom { get; set; }
    public bool Reminded { get; set; }
}

/// <summary>A member of staff's or governor's training position as governance last told it (id = school + person).</summary>
public sealed class TrainingWatch
{
    public Guid Id { get; set; }
    public string SchoolUrn { get; set; } = "";
    public string PersonId { get; set; } = "";
    public string Role { get; set; } = "";
    public DateTimeOffset OccurredAt { get; set; }
    public List<TrainingDue> Items { get; set; } = [];
    /// <summary>The earliest moment (UTC: a duplicated column takes no other offset) an item not yet reminded of falls overdue; null when nothing is waiting.</summary>
    public DateTimeOffset? NextOverdueAt { get; set; }
}

/// <summary>
/// Overdue training (issue 16): governance tells every change of a person's training position
/// (<see cref="TrainingStatusChanged"/>: each required kind and the last day it counts, the induction's due day); this
/// watches it and, when a kind falls overdue, tells the safeguarding team once — in-app and by email — linking to the
/// Governance page. Never done counts from the induction's due day (28 days after joining). Renewed training moves the
/// day on, so a year later the same kind reminds again. Run by the elected replica's send loop like the other reminders.
/// </summary>
public sealed class OverdueTraining(IDocumentStore store, NoticeBoard board, TimeProvider time)
{
    public static Guid IdOf(string schoolUrn, string personId) => NoticeRules.IdOf($"training:{schoolUrn}:{personId}");

    /// <summary>The watch after a status change; an older status than the one held changes nothing (deliveries may cross).</summary>
    public static TrainingWatch Watch(TrainingWatch? existing, TrainingStatusChanged e)
    {
        if (existing is not null && existing.OccurredAt > e.OccurredAt) return existing;
        var items = new List<TrainingDue>();
        if (e.Active)
        {
            foreach (var r in e.Requirements) items.Add(Due(r.Kind, r.ValidUntil ?? e.InductionDueOn, neverDone: r.ValidUntil is null));
            if (!e.InductionComplete) items.Add(Due("induction", e.InductionDueOn, neverDone: true));
        }
        // Already reminded of the same kind falling overdue on the same day: not again (a redelivery, or another kind changed).
        foreach (var item in items)
            item.Reminded = existing?.Items.Any(x => x.Kind == item.Kind && x.DueOn == item.DueOn && x.Reminded) == true;
        var watch = existing ?? new TrainingWatch { Id = IdOf(e.SchoolUrn, e.PersonId) };
        watch.SchoolUrn = e.SchoolUrn;
        watch.PersonId = e.PersonId;
        watch.Role = e.Role;
        watch.OccurredAt = e.OccurredAt;
        watch.Items = items;
        watch.NextOverdueAt = Next(items);
        return watch;
    }

    private static TrainingDue Due(string kind, DateOnly dueOn, bool neverDone) =>
        new() { Kind = kind, DueOn = dueOn, NeverDone = neverDone, OverdueFrom = OverdueReferrals.OverdueFrom(dueOn).ToUniversalTime() };

    private static DateTimeOffset? Next(IEnumerable<TrainingDue> items) =>
        items.Where(i => !i.Reminded).Select(i => (DateTimeOffset?)i.OverdueFrom).Min();

    public static string KindWords(string kind) => kind switch
    {
        "safeguarding" => "safeguarding",
        "online-safety" => "online safety",
        "prevent" => "Prevent",
        "dsl" => "DSL",
        "governor" => "governor safeguarding",
        "induction" => "induction (online-safety policy and AUP)",
        _ => kind,
    };

    /// <summary>The reminder for the items now overdue and not yet reminded of (null when none): one notice per person and day.</summary>
    public static Notice? Reminder(TrainingWatch watch, DateTimeOffset now)
    {
        var due = watch.Items.Where(i => !i.Reminded && i.OverdueFrom <= now).OrderBy(i => i.DueOn).ToList();
        if (due.Count == 0) return null;
        var who = watch.Role == "governor" ? "A governor's" : "A member of staff's";
        var what = string.Join(", ", due.Select(i => i.NeverDone
            ? $"{KindWords(i.Kind)} (not done, due by {i.DueOn:yyyy-MM-dd})"
            : $"{KindWords(i.Kind)} (lapsed after {i.DueOn:yyyy-MM-dd})"));
        var key = $"training-overdue:{watch.Id}:{string.Join(";", due.Select(i => $"{i.Kind}@{i.DueOn:yyyy-MM-dd}"))}";
        return new(key, watch.SchoolUrn, "training-overdue", Urgency.Routine, Audience.SafeguardingTeam,
            $"{who} training is overdue: {what}", "#/governance", Email: true, now);
    }

    /// <summary>One pass over every school's watches; returns how many people were reminded of.</summary>
    public async Task<int> RemindAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<TrainingWatch> due;
        await using (var query = store.QuerySession())
        {
            due = await query.Query<TrainingWatch>()
                .Where(w => w.AnyTenant() && w.NextOverdueAt != null && w.NextOverdueAt <= now)
                .Take(200).ToListAsync(ct);
        }
        foreach (var found in due)
        {
            await using var session = store.LightweightSession(found.SchoolUrn);
            // Read again in the writing session: a status change since the query wins over the listed copy.
            var watch = await session.LoadAsync<TrainingWatch>(found.Id, ct) ?? found;
            // A notice's key names the items, so a pass repeated after a lost write tells nobody twice.
            if (Reminder(watch, now) is { } notice) await board.StageAsync(session, notice, ct);
            foreach (var item in watch.Items.Where(i => i.OverdueFrom <= now)) item.Reminded = true;
            watch.NextOverdueAt = Next(watch.Items);
            session.Store(watch);
            await session.SaveChangesAsync(ct);
        }
        return due.Count;
    }
}

/// <summary>Keeps each person's training watch up to date from governance; nothing is told until something falls overdue.</summary>
public sealed class WatchTrainingStatus(IDocumentStore store, TimeProvider time) : IdempotentConsumer<TrainingStatusChanged>(store, time)
{
    protected override async Task Handle(TrainingStatusChanged message, IDocumentSession session, ConsumeContext<TrainingStatusChanged> context)
    {
        var existing = await session.LoadAsync<TrainingWatch>(OverdueTraining.IdOf(message.SchoolUrn, message.PersonId), context.CancellationToken);
        session.Store(OverdueTraining.Watch(existing, message));
    }

}
