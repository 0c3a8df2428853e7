using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Incident.Access;
using TrustSafety.Incident.DataProtection;
using TrustSafety.Incident.Http;
using TrustSafety.Incident.Incidents;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Incident.AssigningTasks;

/// <param name="IncidentVersion">The incident's version: the If-Match for completing the task.</param>
/// <param name="DaysOverdue">0 when due today or later.</param>
public sealed record TaskItem(
    Guid IncidentId, long IncidentVersion, Guid TaskId, string What, string AssigneeId, string AssigneeName, DateOnly DueOn,
    bool Overdue, int DaysOverdue, string AssignedByName, DateTimeOffset AssignedAt, string? Category, int? Severity);

/// <summary>Open tasks: the caller's own ("my tasks"), and for the safeguarding team every task on the cases they manage.</summary>
public static class TaskLists
{
    public const int MaxIncidents = 500;

    /// <summary>Open tasks, overdue first (most overdue first), then by due date.</summary>
    public static IReadOnlyList<TaskItem> Select(IEnumerable<OnlineSafetyIncident> incidents, Func<OnlineSafetyIncident, TaskRecord, bool> include,
        DateOnly today) =>
        incidents
            .SelectMany(i => i.Tasks.Where(t => t.CompletedAt is null && include(i, t)).Select(t => new TaskItem(i.Id, i.Version, t.Id, t.What,
                t.AssigneeId, t.AssigneeName, t.DueOn, t.DueOn < today, Math.Max(0, today.DayNumber - t.DueOn.DayNumber), t.ByName, t.At,
                i.Category, i.Severity)))
            .OrderBy(t => t.DueOn).ThenBy(t => t.AssignedAt)
            .ToList();

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/tasks/mine", async Task<Ok<IReadOnlyList<TaskItem>>> (IQuerySession session, CurrentUser user, TimeProvider clock,
                IncidentPersonalData personalData, CancellationToken ct) =>
            {
                var incidents = await session.Query<OnlineSafetyIncident>().Where(i => i.OpenTaskAssignees.Contains(user.Id))
                    .Take(MaxIncidents).ToListAsync(ct);
                await personalData.OpenCaseWorkAsync(session, incidents, ct);
                return TypedResults.Ok(Select(incidents, (_, t) => t.AssigneeId == user.Id, Today(clock)));
            })
            .RequireAuthorization(PlatformPolicies.SchoolStaff)
            .WithName("ListMyTasks")
            .WithSummary("The caller's open tasks across incidents, soonest due first, overdue flagged (any member of staff)");

        group.MapGet("/tasks", async Task<Ok<IReadOnlyList<TaskItem>>> (IQuerySession session, CurrentUser user, TimeProvider clock,
                IncidentPersonalData personalData, CancellationToken ct) =>
            {
                var actor = Actor.From(user);
                var incidents = (await session.Query<OnlineSafetyIncident>().Where(i => i.OpenTasks > 0)
                    .OrderBy(i => i.ReportedAt).Take(MaxIncidents).ToListAsync(ct))
                    .Where(i => Visibility.CanManage(i, actor)).ToList();
                await personalData.OpenCaseWorkAsync(session, incidents, ct);
                return TypedResults.Ok(Select(incidents, (_, _) => true, Today(clock)));
            })
            .RequireAuthorization(PlatformPolicies.SafeguardingTeam)
            .WithName("ListOpenTasks")
            .WithSummary("Every open task on the incidents the caller manages, soonest due first, overdue flagged (safeguarding team)");
    }

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
