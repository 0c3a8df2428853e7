using Marten;
using TrustSafety.Contracts.Incident;
using TrustSafety.Notifications.Notices;

namespace TrustSafety.Notifications.Reminders;

/// <summary>A task given to a colleague, watched until it is done (id = the task id).</summary>
public sealed class TaskWatch
{
    public Guid Id { get; set; }
    public Guid IncidentId { get; set; }
    public string SchoolUrn { get; set; } = "";
    public string AssigneeId { get; set; } = "";
    public string AssignedBy { get; set; } = "";
    public DateOnly? DueOn { get; set; }
    /// <summary>The start of the day after <see cref="DueOn"/> in UK time: from then on it is overdue.</summary>
    public DateTimeOffset? OverdueFrom { get; set; }
    public bool Completed { get; set; }
    public DateTimeOffset? RemindedAt { get; set; }
}

/// <summary>
/// Reminds the assignee and whoever gave the task, once each, when a task is overdue (its due day has passed in UK time
/// and it is not done). Run by the elected replica's send loop like the overdue-referral reminders.
/// </summary>
public sealed class OverdueTasks(IDocumentStore store, NoticeBoard board, TimeProvider time)
{
    public static void Watch(IDocumentSession session, TaskWatch? existing, TaskAssigned assigned)
    {
        var watch = existing ?? new TaskWatch { Id = assigned.TaskId };
        watch.IncidentId = assigned.IncidentId;
        watch.SchoolUrn = assigned.SchoolUrn;
        watch.AssigneeId = assigned.AssigneeId;
        watch.AssignedBy = assigned.AssignedBy;
        watch.DueOn = assigned.DueOn;
        watch.OverdueFrom = OverdueReferrals.OverdueFrom(assigned.DueOn);
        session.Store(watch);
    }

    public static void Resolve(IDocumentSession session, TaskWatch? existing, TaskCompleted completed)
    {
        // Completion may arrive before the assignment (separate queues): the watch remembers it either way.
        var watch = existing ?? new TaskWatch { Id = completed.TaskId, IncidentId = completed.IncidentId, SchoolUrn = completed.SchoolUrn };
        watch.Completed = true;
        session.Store(watch);
    }

    /// <summary>One reminder to the assignee (their task list) and one to whoever gave it (the incident), emailed.</summary>
    public static IReadOnlyList<Notice> Reminders(TaskWatch watch, DateTimeOffset now) =>
    [
        new($"task-overdue:{watch.Id}:assignee", watch.SchoolUrn, "task-overdue", Urgency.High, Audience.Person,
            $"A task you were given on a safeguarding incident is overdue (due {watch.DueOn:yyyy-MM-dd})",
            "#/tasks", Email: true, now, watch.AssigneeId),
        .. watch.AssignedBy == watch.AssigneeId || watch.AssignedBy.Length == 0 ? Array.Empty<Notice>() :
        [
            new($"task-overdue:{watch.Id}:assigner", watch.SchoolUrn, "task-overdue", Urgency.High, Audience.Person,
                $"A task you gave on a safeguarding incident is overdue (due {watch.DueOn:yyyy-MM-dd})",
                $"#/incidents/{watch.IncidentId}", Email: true, now, watch.AssignedBy),
        ],
    ];

    /// <summary>One pass over every school's tasks; returns how many tasks were reminded of.</summary>
    public async Task<int> RemindAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<TaskWatch> due;
        await using (var query = store.QuerySession())
        {
            due = await query.Query<TaskWatch>()
                .Where(w => w.AnyTenant() && !w.Completed && w.RemindedAt == null && w.OverdueFrom != null && w.OverdueFrom <= now)
                .Take(200).ToListAsync(ct);
        }
        foreach (var watch in due)
        {
            await using var session = store.LightweightSession(watch.SchoolUrn);
            foreach (var reminder in Reminders(watch, now)) await board.StageAsync(session, reminder, ct);
            watch.RemindedAt = now;
            session.Store(watch);
            await session.SaveChangesAsync(ct);
        }
        return due.Count;
    }
}
