using Marten;
using TrustSafety.Incident.Access;
using TrustSafety.Incident.Http;
using TrustSafety.Incident.Incidents;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Incident.AssigningTasks;

/// <param name="AssigneeId">The colleague's user id, as identity's staff list (<c>GET /api/identity/staff</c>) gives it.</param>
public sealed record AssignTaskRequest(string? AssigneeId, string? AssigneeName, string? What, DateOnly? DueOn);

public sealed record CompleteTaskRequest(string? Outcome);

/// <summary>The DSL gives a colleague an action on an incident with a due date; the colleague (or the team) records it done.</summary>
public static class AssignTask
{
    public const string Invalid = "The task could not be assigned";
    public const int MaxOpenTasks = 50;

    public static Decision Assign(OnlineSafetyIncident incident, AssignTaskRequest request, Actor actor, DateTimeOffset now, Guid taskId)
    {
        if (incident.IsClosed)
            return Decision.Conflict("The incident is closed", "Reopen the incident (POST /incidents/{id}/reopen) before giving anyone a task on it.");
        if (incident.Tasks.Count(t => t.CompletedAt is null) >= MaxOpenTasks)
            return Decision.Conflict("Too many open tasks", $"This incident has {MaxOpenTasks} open tasks; complete some before adding more.");
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var errors = new FieldErrors()
            .Required(request.AssigneeId, "assigneeId", "the colleague who will do it (their id from the school's staff list).", 200)
            .Required(request.AssigneeName, "assigneeName", "the colleague's name as the staff list shows it.", 200)
            .Required(request.What, "what", "what the colleague should do, e.g. \"Speak to the pupil's form tutor and record what they have noticed\".", 1000);
        if (request.DueOn is null) errors.Add("dueOn", "dueOn is required: the date it should be done by (yyyy-MM-dd).");
        else errors
            .When(request.DueOn < today, "dueOn", "dueOn is in the past: give today or a later date.")
            .When(request.DueOn > today.AddYears(1), "dueOn", "dueOn is more than a year away: give a nearer date.");
        if (errors.Any) return errors.Reject(Invalid);
        return Decision.Accept(new TaskAssigned(incident.Id, taskId, actor.Id, actor.Name, now, request.AssigneeId!.Trim(),
            request.AssigneeName!.Trim(), request.What!.Trim(), request.DueOn!.Value));
    }

    public static Decision Complete(OnlineSafetyIncident incident, Guid taskId, CompleteTaskRequest request, Actor actor, DateTimeOffset now)
    {
        var task = incident.Tasks.SingleOrDefault(t => t.Id == taskId);
        if (task is null)
            return Decision.Invalid("No such task", new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["taskId"] = [$"Incident {incident.Id} has no task {taskId}; open the incident or your task list for its tasks."],
            });
        if (task.AssigneeId != actor.Id && !Visibility.CanManage(incident, actor))
            return Decision.Forbidden("Only the person given the task, or the safeguarding team, can complete it",
                $"This task was given to {task.AssigneeName}.");
        if (task.CompletedAt is not null)
            return Decision.Conflict("The task is already done", $"{task.CompletedByName} recorded it done on {task.CompletedAt:yyyy-MM-dd}.");
        var errors = new FieldErrors().Required(request.Outcome, "outcome", "what was done, e.g. \"Spoke to the form tutor on Tuesday; no further concerns\".");
        if (errors.Any) return errors.Reject("The task could not be completed");
        return Decision.Accept(new TaskCompleted(incident.Id, taskId, actor.Id, actor.Name, now, request.Outcome!.Trim()));
    }

    /// <summary>The assignee of an open task may act on it (complete it) without seeing the case; the team as for any change.</summary>
    public static bool MayComplete(OnlineSafetyIncident incident, Guid taskId, Actor actor) =>
        Visibility.CanManage(incident, actor) || incident.Tasks.Any(t => t.Id == taskId && t.AssigneeId == actor.Id);

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/incidents/{id:guid}/tasks", (Guid id, AssignTaskRequest request, HttpContext http, IDocumentSession session,
                CurrentUser user, TimeProvider clock) =>
            {
                var taskId = Guid.CreateVersion7();
                return Changes.Apply(http, session, user, clock, id, (i, a, n) => Assign(i, request, a, n, taskId), _ => taskId);
            })
            .RequireAuthorization(PlatformPolicies.SafeguardingTeam)
            .WithName("AssignTask")
            .WithSummary("Give a colleague an action on this incident with a due date (safeguarding team; If-Match required)")
            .ProducesChangeProblems();

        group.MapPost("/incidents/{id:guid}/tasks/{taskId:guid}/complete", (Guid id, Guid taskId, CompleteTaskRequest request,
                HttpContext http, IDocumentSession session, CurrentUser user, TimeProvider clock) =>
                Changes.Apply(http, session, user, clock, id, (i, a, n) => Complete(i, taskId, request, a, n),
                    mayAct: (i, a) => MayComplete(i, taskId, a)))
            .RequireAuthorization(PlatformPolicies.SchoolStaff)
            .WithName("CompleteTask")
            .WithSummary("Record a task done and what was done (its assignee or the safeguarding team; If-Match: the incident's version from the task list)")
            .ProducesChangeProblems();
    }
}
