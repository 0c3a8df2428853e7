using System.Net;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using TrustSafety.Contracts.Incident;
using TrustSafety.Testing;

namespace TrustSafety.Notifications.Tests.Consuming;

/// <summary>
/// Issue 14.4: the colleague given a task is told in-app and by email (a real SMTP server); an overdue task reminds the
/// assignee and whoever gave it, once each; a completed task never reminds. Emails carry no case detail.
/// </summary>
public sealed class TaskNoticeTests(NotificationsFixture fixture) : IClassFixture<NotificationsFixture>
{
    private static DateOnly UkToday => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow,
        Notifications.Reminders.OverdueReferrals.SchoolTime).DateTime);

    private async Task<IReadOnlyList<JsonElement>> CentreAsync(string user) =>
        [.. (await fixture.GetJsonAsync(user, "/notifications?pageSize=200")).GetProperty("items").EnumerateArray()];

    [Fact]
    public async Task the_assignee_is_emailed_and_told_in_app_and_nobody_else_sees_their_notice()
    {
        var staff = await fixture.PreferencesAsync("staff.blakehill", new { email = "staff@blakehill.example" });
        var dsl = await fixture.Identity.SubjectOfAsync("dsl.blakehill");
        var assigned = new TaskAssigned(Guid.NewGuid(), Guid.NewGuid(), NotificationsFixture.Blakehill, DateTimeOffset.UtcNow, staff, dsl,
            UkToday.AddDays(3));
        await fixture.Bus.Publish(assigned);

        var email = NotificationsFixture.DeliveryId($"task-assigned:{assigned.TaskId}", staff);
        await Eventually.True(() => Task.FromResult(fixture.Mailbox.With(email).Count == 1), TimeSpan.FromSeconds(30), "the task email");
        var message = fixture.Mailbox.With(email).Single();
        message.To.ToString().ShouldContain("staff@blakehill.example");
        message.TextBody!.ShouldContain("/#/tasks");
        message.TextBody!.ShouldNotContain(assigned.IncidentId.ToString(), Case.Insensitive, "the email links to the task list, not the case");

        // This task's notice: the other test in this class gives the same person tasks too, and may run first.
        var noticeId = Notifications.Notices.NoticeRules.IdOf($"task-assigned:{assigned.TaskId}");
        var notice = (await CentreAsync("staff.blakehill")).Single(n => n.GetProperty("id").GetGuid() == noticeId);
        notice.GetProperty("kind").GetString().ShouldBe("task-assigned");
        notice.GetProperty("read").GetBoolean().ShouldBeFalse();
        var unread = (await fixture.GetJsonAsync("staff.blakehill", "/notifications")).GetProperty("unread").GetInt32();
        unread.ShouldBeGreaterThanOrEqualTo(1);
        (await CentreAsync("deputy.blakehill")).ShouldNotContain(n => n.GetProperty("kind").GetString() == "task-assigned");
        (await CentreAsync("dsl.blakehill")).ShouldNotContain(n => n.GetProperty("kind").GetString() == "task-assigned");

        using (var deputy = await fixture.ClientFor("deputy.blakehill"))
        using (var notTheirs = await deputy.PostAsync($"/notifications/{notice.GetProperty("id").GetGuid()}/read", null))
            notTheirs.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var client = await fixture.ClientFor("staff.blakehill");
        using (var read = await client.PostAsync($"/notifications/{notice.GetProperty("id").GetGuid()}/read", null))
            read.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await fixture.GetJsonAsync("staff.blakehill", "/notifications")).GetProperty("unread").GetInt32().ShouldBe(unread - 1);

        // Redelivered under another message id: still one email.
        await fixture.Bus.Publish(assigned);
        await fixture.Bus.Publish(new TaskCompleted(assigned.IncidentId, assigned.TaskId, NotificationsFixture.Blakehill, DateTimeOffset.UtcNow));
        await Eventually.True(async () => (await CentreAsync("dsl.blakehill")).Any(n => n.GetProperty("kind").GetString() == "task-completed"),
            TimeSpan.FromSeconds(30), "whoever gave the task is told it is done");
        fixture.Mailbox.With(email).Count.ShouldBe(1);
    }

    [Fact]
    public async Task an_overdue_task_reminds_the_assignee_and_whoever_gave_it_once_and_a_completed_one_never()
    {
        var staff = await fixture.PreferencesAsync("staff.blakehill", new { email = "staff@blakehill.example" });
        var dsl = await fixture.PreferencesAsync("dsl.blakehill", new { email = "dsl@blakehill.example" });
        var done = new TaskAssigned(Guid.NewGuid(), Guid.NewGuid(), NotificationsFixture.Blakehill, DateTimeOffset.UtcNow, staff, dsl,
            UkToday.AddDays(-2));
        // Completion first and stored: a reminder pass between the two would rightly remind.
        await fixture.Bus.Publish(new TaskCompleted(done.IncidentId, done.TaskId, NotificationsFixture.Blakehill, DateTimeOffset.UtcNow));
        var store = fixture.Host.Services.GetRequiredService<IDocumentStore>();
        await Eventually.True(async () =>
        {
            await using var query = store.QuerySession(NotificationsFixture.Blakehill);
            return (await query.LoadAsync<Notifications.Reminders.TaskWatch>(done.TaskId))?.Completed == true;
        }, TimeSpan.FromSeconds(30), "the completion recorded");
        await fixture.Bus.Publish(done);
        await Eventually.True(() => Task.FromResult(fixture.Mailbox.With(NotificationsFixture.DeliveryId($"task-assigned:{done.TaskId}", staff)).Count == 1),
            TimeSpan.FromSeconds(30), "the completed task's assignment email");

        var overdue = done with { IncidentId = Guid.NewGuid(), TaskId = Guid.NewGuid(), DueOn = UkToday.AddDays(-1) };
        var notYet = done with { IncidentId = Guid.NewGuid(), TaskId = Guid.NewGuid(), DueOn = UkToday };
        await fixture.Bus.Publish(overdue);
        await fixture.Bus.Publish(notYet);

        var toAssignee = NotificationsFixture.DeliveryId($"task-overdue:{overdue.TaskId}:assignee", staff);
        var toAssigner = NotificationsFixture.DeliveryId($"task-overdue:{overdue.TaskId}:assigner", dsl);
        await Eventually.True(() => Task.FromResult(fixture.Mailbox.With(toAssignee).Count == 1 && fixture.Mailbox.With(toAssigner).Count == 1),
            TimeSpan.FromSeconds(30), "the overdue reminder to both");
        fixture.Mailbox.With(toAssignee).Single().Subject!.ShouldContain("attention needed today");
        (await CentreAsync("dsl.blakehill")).ShouldContain(n => n.GetProperty("kind").GetString() == "task-overdue"
            && n.GetProperty("link").GetString()!.EndsWith(overdue.IncidentId.ToString()));
        (await CentreAsync("staff.blakehill")).Count(n => n.GetProperty("kind").GetString() == "task-overdue").ShouldBe(1);

        fixture.Mailbox.With(NotificationsFixture.DeliveryId($"task-overdue:{done.TaskId}:assignee", staff)).ShouldBeEmpty();
        fixture.Mailbox.With(NotificationsFixture.DeliveryId($"task-overdue:{notYet.TaskId}:assignee", staff)).ShouldBeEmpty();
    }
}
