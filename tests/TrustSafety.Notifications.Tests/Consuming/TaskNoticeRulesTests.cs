using TrustSafety.Contracts.Incident;
using TrustSafety.Notifications.Notices;
using TrustSafety.Notifications.Recipients;
using TrustSafety.Notifications.Reminders;

namespace TrustSafety.Notifications.Tests.Consuming;

public sealed class TaskNoticeRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private static StaffPreferences Person(string id, string role, string? email = "x@school.example", DateTimeOffset? away = null) =>
        new() { Id = id, Name = id, Roles = [role], Email = email, AwayUntil = away };

    [Fact]
    public void a_task_notice_is_for_the_assignee_alone_and_links_to_their_task_list()
    {
        var notice = NoticeRules.For(new TaskAssigned(Guid.NewGuid(), Guid.NewGuid(), "141001", Now, "staff-1", "dsl-1", new DateOnly(2026, 12, 5)));
        notice.Audience.ShouldBe(Audience.Person);
        notice.RecipientId.ShouldBe("staff-1");
        notice.Email.ShouldBeTrue();
        notice.LinkPath.ShouldBe("#/tasks");
        notice.Title.ShouldContain("2026-12-05");
    }

    [Fact]
    public void only_the_named_person_is_emailed_and_nobody_covers_them_when_away()
    {
        StaffPreferences[] school = [Person("dsl", "dsl"), Person("deputy", "deputy-dsl"), Person("staff-1", "staff")];
        RecipientSelection.For(Audience.Person, school, Now, "staff-1").Select(p => p.Id).ShouldBe(["staff-1"]);
        RecipientSelection.For(Audience.Person, [Person("dsl", "dsl"), Person("staff-1", "staff", away: Now.AddDays(1))], Now, "staff-1")
            .ShouldBeEmpty();
        RecipientSelection.For(Audience.Person, school, Now, "someone-else").ShouldBeEmpty();
    }

    [Fact]
    public void an_overdue_task_reminds_the_assignee_and_whoever_gave_it_once_each()
    {
        var watch = new TaskWatch { Id = Guid.NewGuid(), IncidentId = Guid.NewGuid(), SchoolUrn = "141001", AssigneeId = "staff-1", AssignedBy = "dsl-1",
            DueOn = new DateOnly(2026, 12, 1) };
        var reminders = OverdueTasks.Reminders(watch, Now);
        reminders.Select(r => r.RecipientId).ShouldBe(["staff-1", "dsl-1"]);
        reminders.Select(r => r.Key).Distinct().Count().ShouldBe(2);
        reminders.ShouldAllBe(r => r.Email && r.Urgency == Urgency.High && r.Audience == Audience.Person);
        OverdueTasks.Reminders(new TaskWatch { Id = watch.Id, AssigneeId = "dsl-1", AssignedBy = "dsl-1" }, Now).Count.ShouldBe(1,
            "a task the DSL gave themselves reminds once");
    }

    [Fact]
    public void a_completed_task_tells_whoever_gave_it_in_app_only()
    {
        var done = new TaskCompleted(Guid.NewGuid(), Guid.NewGuid(), "141001", Now);
        NoticeRules.For(done, "dsl-1").ShouldNotBeNull().Email.ShouldBeFalse();
        NoticeRules.For(done, null).ShouldBeNull("completion seen before the assignment: nobody to tell yet");
    }
}
