using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Governance.Group;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.Governance.KeepingTheActionPlan;

public sealed record AgreeAction(string? Description, string? Owner, string? DueOn, Guid? LessonId);

/// <summary>An action agreed at a meeting: owner, due date, optionally the lesson learnt it answers (that lesson is then discussed).</summary>
public static class AgreeGroupActionEndpoint
{
    public static void MapAgreeGroupAction(this RouteGroupBuilder g) =>
        g.MapPost("/meetings/{meetingId:guid}/actions", Agree).RequireAuthorization(GovernancePolicies.Manage).WithName("AgreeGroupAction")
            .WithSummary("An action of the plan: owner, due date, optionally the lesson learnt it answers (If-Match)").ProducesChangeProblems();

    private static async Task<Results<Ok<MeetingView>, ValidationProblem, ProblemHttpResult>> Agree(Guid meetingId, AgreeAction body,
        HttpContext http, IDocumentSession session, SchoolDay day, CurrentUser user, TimeProvider clock)
    {
        var v = new FieldErrors().Text(body.Description, "description", 1000).Text(body.Owner, "owner", 120);
        var due = v.RequiredDate(body.DueOn, "dueOn");
        if (!v.IsValid) return v.Problem();
        LessonLearnt? lesson = null;
        if (body.LessonId is { } lessonId && (lesson = await session.LoadAsync<LessonLearnt>(lessonId, http.RequestAborted)) is null)
            return new FieldErrors().Add("lessonId", "No lesson learnt with that id in your school; leave it out or pick one from /group/lessons.").Problem();
        var actionId = Guid.CreateVersion7();
        return await MeetingChange.Apply(meetingId, http, session, user, clock, (m, actor, now) =>
            GroupRules.Agree(m, actionId, body.Description!.Trim(), body.Owner!.Trim(), due!.Value, lesson, actor.Id, now));
    }
}
