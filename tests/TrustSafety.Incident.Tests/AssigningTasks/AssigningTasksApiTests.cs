using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using TrustSafety.Incident.Incidents;
using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.AssigningTasks;

/// <summary>Issue 14.4: the DSL gives a colleague a task with a due date; the colleague sees and completes it; overdue shows to both.</summary>
public sealed class AssigningTasksApiTests(IncidentApiFixture fixture) : IClassFixture<IncidentApiFixture>
{
    private const string School = "141001";
    private static string InDays(int days) => DateTime.UtcNow.AddDays(days).ToString("yyyy-MM-dd");

    private async Task<object> TaskFor(string user, string what = "Speak to the form tutor about the group chat", int dueInDays = 3) => new
    {
        assigneeId = await fixture.Identity.SubjectOfAsync(user), assigneeName = "Blakehill Staff", what, dueOn = InDays(dueInDays),
    };

    [Fact]
    public async Task the_assignee_sees_their_task_completes_it_and_the_dsl_sees_it_done()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var (id, etag) = await dsl.ReportAsync();
        using var assigned = await dsl.ChangeAsync($"/incidents/{id}/tasks", await TaskFor("staff.blakehill"), etag);
        assigned.StatusCode.ShouldBe(HttpStatusCode.OK, await assigned.Content.ReadAsStringAsync());
        var taskId = (await assigned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("createdId").GetGuid();

        var staff = await fixture.ClientFor("staff.blakehill");
        var mine = (await staff.GetJsonAsync("/tasks/mine")).EnumerateArray().Single(t => t.GetProperty("taskId").GetGuid() == taskId);
        mine.GetProperty("what").GetString().ShouldBe("Speak to the form tutor about the group chat", "opened for the assignee");
        mine.GetProperty("overdue").GetBoolean().ShouldBeFalse();
        (await dsl.GetJsonAsync("/tasks")).EnumerateArray().ShouldContain(t => t.GetProperty("taskId").GetGuid() == taskId);
        (await (await fixture.ClientFor("deputy.blakehill")).GetJsonAsync("/tasks/mine")).EnumerateArray()
            .ShouldNotContain(t => t.GetProperty("taskId").GetGuid() == taskId, "only the assignee's own");

        var version = $"\"{mine.GetProperty("incidentVersion").GetInt64()}\"";
        await staff.ChangeOkAsync($"/incidents/{id}/tasks/{taskId}/complete", new { outcome = "Spoke to the tutor; no further concerns" }, version);

        (await staff.GetJsonAsync("/tasks/mine")).EnumerateArray().ShouldNotContain(t => t.GetProperty("taskId").GetGuid() == taskId);
        var (incident, _) = await dsl.GetAsync(id);
        var task = incident.GetProperty("tasks").EnumerateArray().Single();
        task.GetProperty("outcome").GetString().ShouldBe("Spoke to the tutor; no further concerns");
        task.GetProperty("completedAt").ValueKind.ShouldBe(JsonValueKind.String);
        incident.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("kind").GetString()).ShouldContain("task-completed");
    }

    [Fact]
    public async Task a_task_with_bad_fields_is_a_problem_naming_each_field_and_changes_nothing()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var (id, etag) = await dsl.ReportAsync();
        using var response = await dsl.ChangeAsync($"/incidents/{id}/tasks", new { assigneeId = "", what = "", dueOn = InDays(-2) }, etag);
        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["assigneeId", "assigneeName", "what", "dueOn"], ignoreOrder: true);
        (await dsl.GetAsync(id)).ETag.ShouldBe(etag);
    }

    [Fact]
    public async Task assigning_needs_the_current_version()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var (id, _) = await dsl.ReportAsync();
        using (var missing = await dsl.ChangeAsync($"/incidents/{id}/tasks", await TaskFor("staff.blakehill"), null))
            await missing.ShouldBeProblem(HttpStatusCode.PreconditionRequired);
        using var stale = await dsl.ChangeAsync($"/incidents/{id}/tasks", await TaskFor("staff.blakehill"), "\"99\"");
        await stale.ShouldBeProblem(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task only_the_safeguarding_team_assigns_and_another_school_gets_not_found()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var (id, etag) = await dsl.ReportAsync();
        var body = await TaskFor("staff.blakehill");
        using (var staff = await (await fixture.ClientFor("staff.blakehill")).ChangeAsync($"/incidents/{id}/tasks", body, etag))
            staff.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using (var other = await (await fixture.ClientFor("dsl.caldecote")).ChangeAsync($"/incidents/{id}/tasks", body, etag))
            await other.ShouldBeProblem(HttpStatusCode.NotFound);
        (await (await fixture.ClientFor("dsl.caldecote")).GetJsonAsync("/tasks")).EnumerateArray()
            .ShouldNotContain(t => t.GetProperty("incidentId").GetGuid() == id);
    }

    [Fact]
    public async Task someone_else_cannot_complete_the_task_and_cannot_learn_the_incident_exists()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var (id, etag) = await dsl.ReportAsync();
        var deputyId = await fixture.Identity.SubjectOfAsync("deputy.blakehill");
        using var assigned = await dsl.ChangeAsync($"/incidents/{id}/tasks",
            new { assigneeId = deputyId, assigneeName = "Blakehill Deputy", what = "Check the filter logs", dueOn = InDays(1) }, etag);
        var accepted = await assigned.Content.ReadFromJsonAsync<JsonElement>();
        var taskId = accepted.GetProperty("createdId").GetGuid();
        var version = $"\"{accepted.GetProperty("version").GetInt64()}\"";

        using var staff = await (await fixture.ClientFor("staff.blakehill")).ChangeAsync($"/incidents/{id}/tasks/{taskId}/complete",
            new { outcome = "Not mine" }, version);
        await staff.ShouldBeProblem(HttpStatusCode.NotFound);
        using var other = await (await fixture.ClientFor("dsl.caldecote")).ChangeAsync($"/incidents/{id}/tasks/{taskId}/complete",
            new { outcome = "Not ours" }, version);
        await other.ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task an_overdue_task_shows_overdue_to_the_assignee_and_to_the_safeguarding_team()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var (id, _) = await dsl.ReportAsync();
        var staffId = await fixture.Identity.SubjectOfAsync("staff.blakehill");
        var taskId = Guid.CreateVersion7();
        // A task given a week ago, due three days ago (the API refuses a due date in the past, so it is stored as it was then).
        var store = fixture.Host.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession(School))
        {
            session.Events.Append(id, new TaskAssigned(id, taskId, "dsl", "Blakehill DSL", DateTimeOffset.UtcNow.AddDays(-7), staffId,
                "Blakehill Staff", "Call the parents back", DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-3))));
            await session.SaveChangesAsync();
        }

        var staff = await fixture.ClientFor("staff.blakehill");
        var mine = (await staff.GetJsonAsync("/tasks/mine")).EnumerateArray().Single(t => t.GetProperty("taskId").GetGuid() == taskId);
        mine.GetProperty("overdue").GetBoolean().ShouldBeTrue();
        mine.GetProperty("daysOverdue").GetInt32().ShouldBe(3);
        var team = (await dsl.GetJsonAsync("/tasks")).EnumerateArray().Single(t => t.GetProperty("taskId").GetGuid() == taskId);
        team.GetProperty("overdue").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task the_incident_list_shows_pupils_a_summary_and_open_tasks()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var (id, etag) = await dsl.ReportAsync(IncidentClient.Report(pupilId: "P-LIST-1"));
        await dsl.ChangeOkAsync($"/incidents/{id}/tasks", await TaskFor("staff.blakehill"), etag);
        var page = await dsl.GetJsonAsync("/incidents?pageSize=200");
        var item = page.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == id);
        item.GetProperty("pupilIds").EnumerateArray().Select(p => p.GetString()).ShouldBe(["P-LIST-1", "P-200"]);
        item.GetProperty("summary").GetString().ShouldBe("Unkind messages in a class group chat");
        item.GetProperty("openTasks").GetInt32().ShouldBe(1);
    }
}
