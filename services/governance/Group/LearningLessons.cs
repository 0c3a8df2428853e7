using TrustSafety.Governance.Policies;

namespace TrustSafety.Governance.Group;

/// <summary>A lesson to record, parsed from the request: its new id, the closed incident, the DSL's summary, the policy to review.</summary>
public sealed record LessonToRecord(Guid LessonId, Guid IncidentId, string Summary, string? PolicyCode, DateOnly? ReviewDueOn);

/// <summary>
/// A lesson learnt from a closed incident starts its own stream; when it names a policy, a review of that policy is asked for
/// on the policy's stream in the same decision, so the lesson and its review request are recorded together or not at all.
/// </summary>
public static class LearningLessons
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
}
