using TrustSafety.Governance.Group;
using TrustSafety.Governance.Incidents;
using TrustSafety.Governance.RiskAssessments;

namespace TrustSafety.Governance.Tests.Deciders;

public sealed class GroupAndRiskRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 10);
    private static readonly DateTimeOffset Now = new(2026, 11, 10, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-11-10", "2026-autumn")]
    [InlineData("2027-02-01", "2027-spring")]
    [InlineData("2027-06-30", "2027-summer")]
    public void a_meeting_belongs_to_the_term_it_was_held_in(string heldOn, string term) =>
        ((GroupMeetingHeld)GroupRules.Hold(Guid.NewGuid(), DateOnly.Parse(heldOn), "DSL, head", "notes", DateOnly.Parse(heldOn), "dsl", Now).Events[0])
            .Term.ShouldBe(term);

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

    [Fact]
    public void an_action_answering_a_lesson_marks_the_lesson_discussed_once()
    {
        var meeting = GroupMeeting.Create(new GroupMeetingHeld(Guid.NewGuid(), "2026-autumn", Today, "DSL", "notes", "dsl", Now));
        var lesson = LessonLearnt.Create(new LessonLearntRecorded(Guid.NewGuid(), Guid.NewGuid(), "s", null, "dsl", Now));
        var first = GroupRules.Agree(meeting, Guid.NewGuid(), "Update AUP", "Head", Today.AddDays(20), lesson, "dsl", Now);
        first.Events.Count.ShouldBe(2);
        foreach (var e in first.Events) { if (e is GroupActionAgreed a) meeting.Apply(a); else meeting.Apply((LessonDiscussed)e); }
        GroupRules.Agree(meeting, Guid.NewGuid(), "Brief staff", "DSL", Today.AddDays(20), lesson, "dsl", Now).Events.Count.ShouldBe(1);
    }

    [Fact]
    public void an_action_open_past_its_due_date_is_overdue_and_a_done_one_is_not()
    {
        GroupRules.IsOverdue(new GroupAction(Guid.NewGuid(), "x", "y", Today.AddDays(-1), "open", null, null), Today).ShouldBeTrue();
        GroupRules.IsOverdue(new GroupAction(Guid.NewGuid(), "x", "y", Today.AddDays(-1), "done", null, null), Today).ShouldBeFalse();
    }

    [Fact]
    public void an_action_status_that_has_not_changed_records_nothing()
    {
        var meeting = GroupMeeting.Create(new GroupMeetingHeld(Guid.NewGuid(), "2026-autumn", Today, "DSL", "notes", "dsl", Now));
        var actionId = Guid.NewGuid();
        meeting.Apply(new GroupActionAgreed(meeting.Id, actionId, "d", "o", Today, null, "dsl", Now));
        GroupRules.ChangeStatus(meeting, actionId, "open", null, "dsl", Now).Events.ShouldBeEmpty();
        GroupRules.ChangeStatus(meeting, Guid.NewGuid(), "done", null, "dsl", Now).Rejection!.Status.ShouldBe(404);
    }

    private static readonly Risk High = new("Pupils' data sent abroad", "high", "high", "DPIA");

    [Theory]
    [InlineData("approved", null, 422)]
    [InlineData("approved-with-conditions", null, 422)]
    [InlineData("approved-with-conditions", "Only with the school's tenant", 0)]
    [InlineData("not-approved", null, 0)]
    public void a_likely_high_impact_risk_cannot_be_approved_without_conditions(string decision, string? conditions, int status)
    {
        var outcome = RiskRules.Assess(null, Guid.NewGuid(), "ChatApp", "homework help", [High], decision, conditions, Today, Today.AddYears(1),
            Today, "dsl", Now);
        (outcome.Rejection?.Status ?? 0).ShouldBe(status);
    }

    [Fact]
    public void a_review_date_must_follow_the_assessment() =>
        RiskRules.Assess(null, Guid.NewGuid(), "x", "y", [High with { Likelihood = "low" }], "approved", null, Today, Today, Today, "dsl", Now)
            .Rejection!.Status.ShouldBe(422);

    [Fact]
    public void a_second_assessment_is_a_review_of_the_first()
    {
        var a = TechnologyRiskAssessment.Create(new TechnologyRiskAssessed(Guid.NewGuid(), "x", "y", [High], "not-approved", null, Today.AddDays(-10),
            Today.AddDays(100), "dsl", Now));
        RiskRules.Assess(a, a.Id, "", "", [High with { Likelihood = "low" }], "approved", null, Today, Today.AddYears(1), Today, "dsl", Now)
            .Events.Single().ShouldBeOfType<TechnologyRiskReassessed>();
        RiskRules.StateOf(a, Today.AddDays(101)).ShouldBe("review-overdue");
    }
}
