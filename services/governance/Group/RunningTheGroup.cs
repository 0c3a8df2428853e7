using Marten;
using TrustSafety.Governance.Policies;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.ServiceDefaults.Http;

namespace TrustSafety.Governance.Group;

public sealed record HoldMeeting(string? HeldOn, string? Attendees, string? Notes);
public sealed record AgreeAction(string? Description, string? Owner, string? DueOn, Guid? LessonId);
public sealed record ChangeActionStatus(string? Status, string? Note);
public sealed record RecordLesson(Guid? IncidentId, string? Summary, string? PolicyCode, string? ReviewDueOn);
public sealed record MeetingView(Guid Id, string Term, DateOnly HeldOn, string Attendees, string Notes, IReadOnlyList<GroupAction> Actions,
    IReadOnlyList<LessonView> Lessons, long Version);
public sealed record PlanItem(Guid MeetingId, string Term, DateOnly HeldOn, GroupAction Action, bool Overdue);
public sealed record LessonView(Guid Id, Guid IncidentId, string IncidentLink, string Summary, string? PolicyCode, DateTimeOffset At,
    IReadOnlyList<Guid> DiscussedAt);

public static class RunningTheGroup
{
    public static void MapGroupMeetings(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/group").WithTags("online-safety group");
        g.MapGet("/meetings", Meetings).RequireAuthorization(GovernancePolicies.Oversee).WithName("ListGroupMeetings");
        g.MapPost("/meetings", Hold).RequireAuthorization(GovernancePolicies.Manage).WithName("RecordGroupMeeting")
            .WithSummary("A termly meeting of the online-safety group: date, who attended, notes");
        g.MapGet("/meetings/{meetingId:guid}", Meeting).RequireAuthorization(GovernancePolicies.Oversee).WithName("GetGroupMeeting");
        g.MapPost("/meetings/{meetingId:guid}/actions", Agree).RequireAuthorization(GovernancePolicies.Manage).WithName("AgreeGroupAction")
            .WithSummary("An action of the plan: owner, due date, optionally the lesson learnt it answers (If-Match)").ProducesChangeProblems();
        g.MapPost("/meetings/{meetingId:guid}/actions/{actionId:guid}/status", ChangeStatus).RequireAuthorization(GovernancePolicies.Manage)
            .WithName("ChangeGroupActionStatus").WithSummary("open, in-progress, done or dropped (If-Match)").ProducesChangeProblems();
        g.MapGet("/actions", Plan).RequireAuthorization(GovernancePolicies.Oversee).WithName("GetGroupActionPlan")
            .WithSummary("The action plan across meetings; status=open lists what is still to do");
        g.MapGet("/lessons", Lessons).RequireAuthorization(GovernancePolicies.Oversee).WithName("ListLessonsLearnt");
        g.MapPost("/lessons", Learn).RequireAuthorization(GovernancePolicies.Lessons).WithName("RecordLessonLearnt")
            .WithSummary("DSL: a lesson from a closed incident — a link and your own summary (no case text is copied); may ask for a policy review")
            .ProducesRecordProblems();
    }

    private static async Task<Ok<List<MeetingView>>> Meetings(IQuerySession session, CancellationToken ct) =>
        TypedResults.Ok((await session.Query<GroupMeeting>().ToListAsync(ct)).OrderByDescending(m => m.HeldOn)
            .Select(m => new MeetingView(m.Id, m.Term, m.HeldOn, m.Attendees, m.Notes, m.Actions, [], m.Version)).ToList());

    private static async Task<Results<Ok<MeetingView>, ProblemHttpResult>> Meeting(Guid meetingId, IQuerySession session, HttpResponse response,
        CancellationToken ct)
    {
        var m = await session.LoadAsync<GroupMeeting>(meetingId, ct);
        if (m is null) return Rejections.NotFound("Meeting");
        response.SetETag(m.Version);
        return TypedResults.Ok(await ViewOf(session, m, ct));
    }

    private static async Task<MeetingView> ViewOf(IQuerySession session, GroupMeeting m, CancellationToken ct)
    {
        var lessons = m.Lessons.Count == 0 ? [] : await session.LoadManyAsync<LessonLearnt>(ct, m.Lessons);
        return new MeetingView(m.Id, m.Term, m.HeldOn, m.Attendees, m.Notes, m.Actions, lessons.Select(View).ToList(), m.Version);
    }

    public static LessonView View(LessonLearnt l) =>
        new(l.Id, l.IncidentId, $"#/incidents/{l.IncidentId}", l.Summary, l.PolicyCode, l.At, l.DiscussedAt);

    private static async Task<Results<Created<MeetingView>, ValidationProblem, ProblemHttpResult>> Hold(HoldMeeting body,
        IDocumentSession session, SchoolDay day, CurrentUser user, HttpResponse response, CancellationToken ct)
    {
        var v = new FieldErrors().Text(body.Attendees, "attendees", 1000).Text(body.Notes, "notes", 20_000);
        var heldOn = v.RequiredDate(body.HeldOn, "heldOn");
        if (!v.IsValid) return v.Problem();
        var id = Guid.CreateVersion7();
        var outcome = GroupRules.Hold(id, heldOn!.Value, body.Attendees!.Trim(), body.Notes!.Trim(), day.Today, user.Id, day.Now);
        if (outcome.Rejection is { } rejected) return rejected.As<Created<MeetingView>>();
        session.Events.StartStream<GroupMeeting>(id, outcome.Events.ToArray());
        await session.SaveChangesAsync(ct);
        var m = (await session.LoadAsync<GroupMeeting>(id, ct))!;
        response.SetETag(m.Version);
        return TypedResults.Created($"/group/meetings/{id}", await ViewOf(session, m, ct));
    }

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
        return await Apply(meetingId, http, session, user, clock, (m, actor, now) =>
            GroupRules.Agree(m, actionId, body.Description!.Trim(), body.Owner!.Trim(), due!.Value, lesson, actor.Id, now));
    }

    private static async Task<Results<Ok<MeetingView>, ValidationProblem, ProblemHttpResult>> ChangeStatus(Guid meetingId, Guid actionId,
        ChangeActionStatus body, HttpContext http, IDocumentSession session, CurrentUser user, TimeProvider clock)
    {
        var v = new FieldErrors().OneOf(body.Status, "status", GroupRules.Statuses).Optional(body.Note, "note", 1000);
        if (!v.IsValid) return v.Problem();
        var note = string.IsNullOrWhiteSpace(body.Note) ? null : body.Note.Trim();
        return await Apply(meetingId, http, session, user, clock, (m, actor, now) => GroupRules.ChangeStatus(m, actionId, body.Status!, note, actor.Id, now));
    }

    /// <summary>A change to a meeting on the one change path; a lesson it discusses hears of it in the same transaction.</summary>
    private static Task<Results<Ok<MeetingView>, ValidationProblem, ProblemHttpResult>> Apply(Guid meetingId, HttpContext http,
        IDocumentSession session, CurrentUser user, TimeProvider clock, Func<GroupMeeting, Actor, DateTimeOffset, Decision> decide) =>
        Change.Apply<GroupMeeting, MeetingView>(http, session, user, clock, meetingId,
            (m, actor, now) => WithLessonsDiscussed(decide(m, actor, now)),
            async _ => await ViewOf(session, (await session.LoadAsync<GroupMeeting>(meetingId, http.RequestAborted))!, http.RequestAborted),
            new ChangeRules<GroupMeeting> { NotFound = () => Rejections.NotFound("Meeting") });

    /// <summary>A lesson discussed at the meeting is told on its own stream too.</summary>
    private static Decision WithLessonsDiscussed(Decision decision) =>
        decision.Events.OfType<LessonDiscussed>().Aggregate(decision, (all, discussed) => all.AlsoOn(discussed.LessonId, discussed));

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

    private static async Task<Ok<List<LessonView>>> Lessons(IQuerySession session, CancellationToken ct) =>
        TypedResults.Ok((await session.Query<LessonLearnt>().ToListAsync(ct)).OrderByDescending(l => l.At).Select(View).ToList());

    private static async Task<Results<Created<LessonView>, ValidationProblem, ProblemHttpResult>> Learn(RecordLesson body, IDocumentSession session,
        CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var v = new FieldErrors().Require(body.IncidentId is { } i && i != Guid.Empty, "incidentId", "Give the closed incident's id.")
            .Text(body.Summary, "summary", 2000)
            .Require(body.PolicyCode is null || body.PolicyCode.Length > 0, "policyCode", "Give the code of the policy to review, or leave it out.");
        if (body.PolicyCode is not null) v.Code(body.PolicyCode, "policyCode");
        var reviewDue = v.Date(body.ReviewDueOn, "reviewDueOn");
        v.Require(reviewDue is null || body.PolicyCode is not null, "reviewDueOn", "A review date needs the policyCode to review.");
        if (!v.IsValid) return v.Problem();
        Guid? policyId = body.PolicyCode is null ? null : StreamIds.Policy(body.PolicyCode);
        if (policyId is { } known && await session.LoadAsync<SchoolPolicy>(known, ct) is null)
            return new FieldErrors().Add("policyCode", "No policy with that code is on the register; add it or leave policyCode out.").Problem();
        var incident = await session.LoadAsync<ClosedIncident>(body.IncidentId!.Value, ct);
        var lesson = new LessonToRecord(Guid.CreateVersion7(), body.IncidentId.Value, body.Summary!.Trim(), body.PolicyCode, reviewDue);
        return await Change.Record<SchoolPolicy, Created<LessonView>>(session, user, clock, policyId is { } id ? [id] : [],
            (policies, actor, now) => LearningLessons.Decide(incident, policyId is { } id ? policies[id] : null, lesson, actor, now),
            async _ => TypedResults.Created($"/group/lessons/{lesson.LessonId}", View((await session.LoadAsync<LessonLearnt>(lesson.LessonId, ct))!)),
            ct);
    }
}
