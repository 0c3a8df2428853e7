using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.ServiceDefaults.Http;

namespace TrustSafety.Governance.Group;

/// <summary>Governance's change path for a group meeting (If-Match on the meeting's stream).</summary>
public static class MeetingChange
{
    /// <summary>A change to a meeting on the one change path; a lesson it discusses hears of it in the same transaction.</summary>
    public static Task<Results<Ok<MeetingView>, ValidationProblem, ProblemHttpResult>> Apply(Guid meetingId, HttpContext http,
        IDocumentSession session, CurrentUser user, TimeProvider clock, Func<GroupMeeting, Actor, DateTimeOffset, Decision> decide) =>
        Change.Apply<GroupMeeting, MeetingView>(http, session, user, clock, meetingId,
            (m, actor, now) => WithLessonsDiscussed(decide(m, actor, now)),
            async _ => await GroupViews.ViewOf(session, (await session.LoadAsync<GroupMeeting>(meetingId, http.RequestAborted))!, http.RequestAborted),
            new ChangeRules<GroupMeeting> { NotFound = () => Rejections.NotFound("Meeting") });

    /// <summary>A lesson discussed at the meeting is told on its own stream too.</summary>
    private static Decision WithLessonsDiscussed(Decision decision) =>
        decision.Events.OfType<LessonDiscussed>().Aggregate(decision, (all, discussed) => all.AlsoOn(discussed.LessonId, discussed));
}
