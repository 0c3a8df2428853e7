using TrustSafety.Governance.Group;
using static TrustSafety.Governance.Tests.Fixtures.Givens;

namespace TrustSafety.Governance.Tests.KeepingTheActionPlan;

public sealed class KeepingTheActionPlanTests
{
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
}
