using Marten;
using Microsoft.Extensions.DependencyInjection;
using TrustSafety.Contracts.Governance;
using TrustSafety.Testing;

namespace TrustSafety.Notifications.Tests.Reminders;

/// <summary>
/// Issue 16: governance's training status over the real broker; once a required training has lapsed the safeguarding
/// team is told in-app and emailed (a real SMTP server), once, however often the status comes.
/// </summary>
public sealed class TrainingReminderTests(NotificationsFixture fixture) : IClassFixture<NotificationsFixture>
{
    private static DateOnly UkToday => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow,
        Notifications.Reminders.OverdueReferrals.SchoolTime).DateTime);

    [Fact]
    public async Task lapsed_training_reminds_the_safeguarding_team_once_and_current_training_does_not()
    {
        var dsl = await fixture.PreferencesAsync("dsl.blakehill", new { email = "dsl@blakehill.example" });
        var lapsedOn = UkToday.AddDays(-2);
        var status = new TrainingStatusChanged(NotificationsFixture.Blakehill, DateTimeOffset.UtcNow, $"person-{Guid.NewGuid():N}", "staff", true, true,
            UkToday.AddDays(-300), [new("prevent", lapsedOn), new("safeguarding", UkToday.AddDays(200))]);
        var current = status with { PersonId = $"person-{Guid.NewGuid():N}", Requirements = [new("prevent", UkToday.AddDays(100))] };
        await fixture.Bus.Publish(current);
        await fixture.Bus.Publish(status);

        var watchId = Notifications.Reminders.OverdueTraining.IdOf(NotificationsFixture.Blakehill, status.PersonId);
        var store = fixture.Host.Services.GetRequiredService<IDocumentStore>();
        await Eventually.True(async () =>
        {
            await using var query = store.QuerySession(NotificationsFixture.Blakehill);
            return await query.LoadAsync<Notifications.Reminders.TrainingWatch>(watchId) is not null;
        }, TimeSpan.FromSeconds(60), "governance's status watched");
        var key = $"training-overdue:{watchId}:prevent@{lapsedOn:yyyy-MM-dd}";
        var email = NotificationsFixture.DeliveryId(key, dsl);
        await Eventually.True(() => Task.FromResult(fixture.Mailbox.With(email).Count == 1), TimeSpan.FromSeconds(60), "the overdue-training email");
        fixture.Mailbox.With(email).Single().TextBody!.ShouldContain("/#/governance");
        fixture.Mailbox.With(email).Single().TextBody!.ShouldNotContain(status.PersonId);
        var centre = (await fixture.GetJsonAsync("dsl.blakehill", "/notifications?pageSize=200")).GetProperty("items").EnumerateArray().ToList();
        centre.Count(n => n.GetProperty("kind").GetString() == "training-overdue"
            && n.GetProperty("title").GetString()!.Contains($"Prevent (lapsed after {lapsedOn:yyyy-MM-dd})")).ShouldBeGreaterThanOrEqualTo(1);

        // The same status again (a redelivery under another message id): recorded, and still one email.
        await fixture.Bus.Publish(status with { OccurredAt = DateTimeOffset.UtcNow });
        await Eventually.True(async () =>
        {
            await using var query = store.QuerySession(NotificationsFixture.Blakehill);
            var watch = await query.LoadAsync<Notifications.Reminders.TrainingWatch>(watchId);
            var other = await query.LoadAsync<Notifications.Reminders.TrainingWatch>(Notifications.Reminders.OverdueTraining.IdOf(NotificationsFixture.Blakehill, current.PersonId));
            return watch is not null && watch.OccurredAt > status.OccurredAt && watch.Items.Single(i => i.Kind == "prevent").Reminded
                && other is not null && other.NextOverdueAt > DateTimeOffset.UtcNow;
        }, TimeSpan.FromSeconds(60), "the redelivered status recorded, still reminded; the current person's reminder waits for its day");
        fixture.Mailbox.With(email).Count.ShouldBe(1);
    }
}
