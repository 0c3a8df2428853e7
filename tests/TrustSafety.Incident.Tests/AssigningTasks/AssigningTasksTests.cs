using TrustSafety.Incident.AssigningTasks;
using TrustSafety.Incident.Incidents;
using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.AssigningTasks;

public sealed class AssigningTasksTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(Given.Now.UtcDateTime);
    private static readonly AssignTaskRequest Valid = new("staff-1", "Sam Staff", "Speak to the form tutor", Today.AddDays(3));

    private static readonly Dictionary<string, AssignTaskRequest> Breakages = new()
    {
        ["no assignee"] = Valid with { AssigneeId = " " },
        ["no assignee name"] = Valid with { AssigneeName = null },
        ["nothing to do"] = Valid with { What = "" },
        ["too long"] = Valid with { What = new string('x', 1001) },
        ["no due date"] = Valid with { DueOn = null },
        ["due yesterday"] = Valid with { DueOn = Today.AddDays(-1) },
        ["due in two years"] = Valid with { DueOn = Today.AddYears(2) },
    };

    [Theory]
    [InlineData("no assignee", "assigneeId")]
    [InlineData("no assignee name", "assigneeName")]
    [InlineData("nothing to do", "what")]
    [InlineData("too long", "what")]
    [InlineData("no due date", "dueOn")]
    [InlineData("due yesterday", "dueOn")]
    [InlineData("due in two years", "dueOn")]
    public void a_task_that_breaks_a_rule_is_rejected_naming_the_field(string breakage, string field) =>
        AssignTask.Assign(Given.Triaged(), Breakages[breakage], Given.Dsl, Given.Now, Guid.NewGuid()).ShouldBeInvalid(field);

    [Fact]
    public void every_missing_field_is_named_at_once() =>
        AssignTask.Assign(Given.Triaged(), new(null, null, null, null), Given.Dsl, Given.Now, Guid.NewGuid())
            .ShouldBeInvalid("assigneeId", "assigneeName", "what", "dueOn");

    [Fact]
    public void a_task_due_today_is_assigned_to_the_colleague_with_who_gave_it()
    {
        var taskId = Guid.NewGuid();
        var assigned = AssignTask.Assign(Given.Triaged(), Valid with { DueOn = Today }, Given.Dsl, Given.Now, taskId).ShouldAccept<TaskAssigned>();
        assigned.TaskId.ShouldBe(taskId);
        assigned.AssigneeId.ShouldBe("staff-1");
        assigned.By.ShouldBe(Given.Dsl.Id);
        assigned.DueOn.ShouldBe(Today);
    }

    [Fact]
    public void no_task_is_given_on_a_closed_incident() =>
        AssignTask.Assign(Given.Closed(), Valid, Given.Dsl, Given.Now, Guid.NewGuid()).ShouldBeConflict("closed");

    [Fact]
    public void an_assigned_task_is_open_and_its_assignee_is_listed_until_it_is_completed()
    {
        var (incident, taskId) = WithTask();
        incident.OpenTasks.ShouldBe(1);
        incident.OpenTaskAssignees.ShouldBe(["staff-1"]);
        incident.Timeline.Last().Kind.ShouldBe("task-assigned");

        incident.Apply(AssignTask.Complete(incident, taskId, new("Spoke to the tutor"), Given.Staff, Given.Now).ShouldAccept<TaskCompleted>());
        incident.OpenTasks.ShouldBe(0);
        incident.OpenTaskAssignees.ShouldBeEmpty();
        incident.Tasks.Single().CompletedByName.ShouldBe(Given.Staff.Name);
        incident.Timeline.Last().Kind.ShouldBe("task-completed");
    }

    [Fact]
    public void the_safeguarding_team_can_complete_a_task_given_to_someone_else()
    {
        var (incident, taskId) = WithTask();
        AssignTask.Complete(incident, taskId, new("Done by the deputy"), Given.Deputy, Given.Now).ShouldAccept<TaskCompleted>();
        AssignTask.MayComplete(incident, taskId, Given.Deputy).ShouldBeTrue();
    }

    [Fact]
    public void another_member_of_staff_cannot_complete_someone_elses_task()
    {
        var (incident, taskId) = WithTask();
        AssignTask.Complete(incident, taskId, new("Not mine"), Given.OtherStaff, Given.Now).ShouldBeForbidden("Only the person given the task");
        AssignTask.MayComplete(incident, taskId, Given.OtherStaff).ShouldBeFalse();
        AssignTask.MayComplete(incident, taskId, Given.Staff).ShouldBeTrue();
    }

    [Fact]
    public void a_task_is_completed_once_and_says_what_was_done()
    {
        var (incident, taskId) = WithTask();
        AssignTask.Complete(incident, taskId, new(" "), Given.Staff, Given.Now).ShouldBeInvalid("outcome");
        incident.Apply(AssignTask.Complete(incident, taskId, new("Done"), Given.Staff, Given.Now).ShouldAccept<TaskCompleted>());
        AssignTask.Complete(incident, taskId, new("Again"), Given.Staff, Given.Now).ShouldBeConflict("already done");
    }

    [Fact]
    public void completing_an_unknown_task_names_the_task() =>
        AssignTask.Complete(WithTask().Incident, Guid.NewGuid(), new("Done"), Given.Dsl, Given.Now).ShouldBeInvalid("taskId");

    [Fact]
    public void task_lists_put_overdue_tasks_first_and_count_the_days()
    {
        var incident = Given.Triaged();
        incident.Apply(new TaskAssigned(incident.Id, Guid.NewGuid(), "dsl-1", "Dana DSL", Given.Now, "staff-1", "Sam Staff", "later", Today.AddDays(2)));
        incident.Apply(new TaskAssigned(incident.Id, Guid.NewGuid(), "dsl-1", "Dana DSL", Given.Now, "staff-2", "Sol Staff", "late", Today.AddDays(-4)));
        var all = TaskLists.Select([incident], (_, _) => true, Today);
        all.Select(t => t.What).ShouldBe(["late", "later"]);
        all[0].Overdue.ShouldBeTrue();
        all[0].DaysOverdue.ShouldBe(4);
        all[1].Overdue.ShouldBeFalse();
        TaskLists.Select([incident], (_, t) => t.AssigneeId == "staff-1", Today).Single().What.ShouldBe("later");
    }

    private static (OnlineSafetyIncident Incident, Guid TaskId) WithTask()
    {
        var incident = Given.Triaged();
        var taskId = Guid.NewGuid();
        incident.Apply(AssignTask.Assign(incident, Valid, Given.Dsl, Given.Now, taskId).ShouldAccept<TaskAssigned>());
        return (incident, taskId);
    }
}
