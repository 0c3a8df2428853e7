using TrustSafety.Governance.Group;
using TrustSafety.Governance.Incidents;
using TrustSafety.Governance.LearningLessons;
using static TrustSafety.Governance.Tests.Fixtures.Givens;

namespace TrustSafety.Governance.Tests.LearningLessons;

public sealed class LearningLessonsTests
{
    private static readonly Guid IncidentId = Guid.CreateVersion7();

    private static ClosedIncident Incident(bool closed) => new() { Id = IncidentId, Closed = closed, ClosedAt = Now.AddDays(-3) };

    /// <summary>Approved last month, so its next review is due in a year: a lesson's review request brings it forward.</summary>
    private static SchoolPolicy Policy()
    {
        var policy = SchoolPolicy.Create(new PolicyRegistered("online-safety", "Online safety policy", "dsl", Now.AddYears(-1)));
        policy.Apply((PolicyVersionApproved)PolicyRules.Approve(policy, null, "Governing board", new DateOnly(2026, 10, 1), null, null,
            new DateOnly(2026, 10, 1), "dsl", Now.AddDays(-40)).Events[0]);
        return policy;
    }

    private static LessonToRecord Lesson(string? policyCode = null, string? reviewDueOn = null) =>
        new(Guid.CreateVersion7(), IncidentId, "Group chats need a clearer rule.", policyCode, reviewDueOn is null ? null : DateOnly.Parse(reviewDueOn));

    public static TheoryData<string, bool, bool, string?, string?, int?> Cases => new()
    {
        // case, incident known, closed, policy code (policy on the register), review due on, expected status (null: accepted)
        { "a lesson alone starts its stream", true, true, null, null, null },
        { "a lesson naming a policy asks for its review", true, true, "online-safety", null, null },
        { "with the review date the DSL gave", true, true, "online-safety", "2026-12-01", null },
        { "an incident governance has not heard of", false, false, null, null, 404 },
        { "an incident still open", true, false, "online-safety", null, 409 },
        { "a review due before today", true, true, "online-safety", "2026-11-09", 422 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void a_lesson_and_the_review_it_asks_for_are_decided_together(string @case, bool known, bool closed, string? policyCode,
        string? reviewDueOn, int? status)
    {
        var lesson = Lesson(policyCode, reviewDueOn);

        var decision = LearnLesson.Decide(known ? Incident(closed) : null, policyCode is null ? null : Policy(), lesson, Dsl, Now);

        if (status is { } expected)
        {
            decision.Rejection!.Status.ShouldBe(expected, @case);
            decision.Started.ShouldBeEmpty("nothing is recorded when either part is refused");
            decision.Elsewhere.ShouldBeEmpty();
            return;
        }
        decision.Events.ShouldBeEmpty("every event is addressed to its stream");
        var started = decision.Started.ShouldHaveSingleItem();
        (started.StreamId, started.AggregateType).ShouldBe((lesson.LessonId, typeof(LessonLearnt)));
        var recorded = started.Events.ShouldHaveSingleItem().ShouldBeOfType<LessonLearntRecorded>();
        (recorded.IncidentId, recorded.PolicyCode, recorded.By, recorded.At).ShouldBe((IncidentId, policyCode, "dsl", Now));

        if (policyCode is null)
        {
            decision.Elsewhere.ShouldBeEmpty(@case);
            return;
        }
        decision.Elsewhere.ShouldAllBe(e => e.StreamId == StreamIds.Policy(policyCode), "the review is asked for on the policy's own stream");
        var requested = decision.Elsewhere[0].Event.ShouldBeOfType<PolicyReviewRequested>();
        (requested.LessonId, requested.IncidentId, requested.Reason).ShouldBe((lesson.LessonId, (Guid?)IncidentId, LearnLesson.ReviewReason));
        requested.DueOn.ShouldBe(reviewDueOn is null ? new DateOnly(2026, 12, 10) : DateOnly.Parse(reviewDueOn), "30 days unless the DSL gives a date");
        decision.Elsewhere.Select(e => e.Event).OfType<PolicyReviewDueSet>().ShouldHaveSingleItem().DueOn.ShouldBe(requested.DueOn,
            "the register shows the earlier review date");
    }

    [Fact]
    public void a_lesson_needs_a_closed_incident()
    {
        var id = Guid.NewGuid();
        GroupRules.Learn(null, Guid.NewGuid(), id, "summary", null, "dsl", Now).Rejection!.Status.ShouldBe(404);
        GroupRules.Learn(new ClosedIncident { Id = id, Closed = false }, Guid.NewGuid(), id, "summary", null, "dsl", Now).Rejection!.Status.ShouldBe(409);
        GroupRules.Learn(new ClosedIncident { Id = id, Closed = true }, Guid.NewGuid(), id, "summary", null, "dsl", Now).Events.Single()
            .ShouldBeOfType<LessonLearntRecorded>().Summary.ShouldBe("summary");
    }

    [Fact]
    public void the_lesson_record_holds_a_link_and_the_dsl_summary_never_case_text() =>
        typeof(LessonLearntRecorded).GetProperties().Select(p => p.Name).ShouldBe(["LessonId", "IncidentId", "Summary", "PolicyCode", "By", "At"]);
}
