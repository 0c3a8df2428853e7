using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Governance.Group;
using TrustSafety.Governance.Incidents;
using TrustSafety.Governance.Policies;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.Governance.LearningLessons;

public sealed record RecordLesson(Guid? IncidentId, string? Summary, string? PolicyCode, string? ReviewDueOn);

/// <summary>A lesson to record, parsed from the request: its new id, the closed incident, the DSL's summary, the policy to review.</summary>
public sealed record LessonToRecord(Guid LessonId, Guid IncidentId, string Summary, string? PolicyCode, DateOnly? ReviewDueOn);

/// <summary>
/// A lesson learnt from a closed incident starts its own stream; when it names a policy, a review of that policy is asked for
/// on the policy's stream in the same decision, so the lesson and its review request are recorded together or not at all.
/// </summary>
public static class LearnLesson
{
    public const string ReviewReason = "Lesson learnt from a closed incident";

    /// <summary>The review is due in 30 days unless the DSL gives a date.</summary>
    public const int ReviewWithinDays = 30;

    public static Decision Decide(ClosedIncident? incident, SchoolPolicy? policy, LessonToRecord lesson, Actor actor, DateTimeOffset now)
    {
        var learnt = GroupRules.Learn(incident, lesson.LessonId, lesson.IncidentId, lesson.Summary, lesson.PolicyCode, actor.Id, now);
        if (!learnt.Accepted) return learnt;
        var decision = Decision.Nothing.Starting<LessonLearnt>(lesson.LessonId, [.. learnt.Events]);
        if (lesson.PolicyCode is null) return decision;

        var today = SchoolDay.DayOf(now);
        var review = PolicyRules.RequestReview(policy, ReviewReason, lesson.ReviewDueOn ?? today.AddDays(ReviewWithinDays), lesson.LessonId,
            lesson.IncidentId, today, actor.Id, now);
        if (!review.Accepted) return review;
        var policyStream = StreamIds.Policy(lesson.PolicyCode);
        return PolicyRules.WithReviewDue(policy, review.Events, now).Aggregate(decision, (all, e) => all.AlsoOn(policyStream, e));
    }

    public static void MapLearnLesson(this RouteGroupBuilder g)
    {
        g.MapGet("/lessons", Lessons).RequireAuthorization(GovernancePolicies.Oversee).WithName("ListLessonsLearnt");
        g.MapPost("/lessons", Learn).RequireAuthorization(GovernancePolicies.Lessons).WithName("RecordLessonLearnt")
            .WithSummary("DSL: a lesson from a closed incident — a link and your own summary (no case text is copied); may ask for a policy review")
            .ProducesRecordProblems();
    }

    private static async Task<Ok<List<LessonView>>> Lessons(IQuerySession session, CancellationToken ct) =>
        TypedResults.Ok((await session.Query<LessonLearnt>().ToListAsync(ct)).OrderByDescending(l => l.At).Select(GroupViews.View).ToList());

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
            (policies, actor, now) => Decide(incident, policyId is { } id ? policies[id] : null, lesson, actor, now),
            async _ => TypedResults.Created($"/group/lessons/{lesson.LessonId}", GroupViews.View((await session.LoadAsync<LessonLearnt>(lesson.LessonId, ct))!)),
            ct);
    }
}
