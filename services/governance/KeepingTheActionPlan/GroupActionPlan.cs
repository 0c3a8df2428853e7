using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Governance.Group;

namespace TrustSafety.Governance.KeepingTheActionPlan;

public sealed record PlanItem(Guid MeetingId, string Term, DateOnly HeldOn, GroupAction Action, bool Overdue);

/// <summary>The action plan across meetings: what is still to do first, by due date, each marked overdue or not.</summary>
public static class GroupActionPlanEndpoint
{
    public static void MapGroupActionPlan(this RouteGroupBuilder g) =>
        g.MapGet("/actions", Plan).RequireAuthorization(GovernancePolicies.Oversee).WithName("GetGroupActionPlan")
            .WithSummary("The action plan across meetings; status=open lists what is still to do");

    private static async Task<Results<Ok<List<PlanItem>>, ValidationProblem>> Plan(string? status, IQuerySession session, SchoolDay day,
        CancellationToken ct)
    {
        var v = new FieldErrors().Require(status is null or "open" or "all", "status", "Give status=open (still to do) or all, or leave it out.");
        if (!v.IsValid) return v.Problem();
        var items = (await session.Query<GroupMeeting>().ToListAsync(ct))
            .SelectMany(m => m.Actions.Select(a => new PlanItem(m.Id, m.Term, m.HeldOn, a, GroupRules.IsOverdue(a, day.Today))))
            .Where(i => status != "open" || i.Action.Status is GroupRules.Open or "in-progress")
            .OrderBy(i => i.Action.Status is "done" or "dropped").ThenBy(i => i.Action.DueOn).ToList();
        return TypedResults.Ok(items);
    }
}
