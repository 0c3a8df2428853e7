using System.Text.Json;
using TrustSafety.Contracts.Incident;
using TrustSafety.Testing;

namespace TrustSafety.Notifications.Tests.Reminders;

/// <summary>A referral whose outcome is overdue reminds the safeguarding team once, by email and in-app; one with its outcome never does.</summary>
public sealed class ReferralReminderTests(NotificationsFixture fixture) : IClassFixture<NotificationsFixture>
{
    private static DateOnly UkToday => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow,
        Notifications.Reminders.OverdueReferrals.SchoolTime).DateTime);

    private async Task<IReadOnlyList<JsonElement>> CentreAsync() =>
        [.. (await fixture.GetJsonAsync("dsl.blakehill", "/notifications?pageSize=200")).GetProperty("items").EnumerateArray()];

    [Fact]
    public async Task an_overdue_referral_is_emailed_once_and_one_with_its_outcome_is_not()
    {
        var dsl = await fixture.PreferencesAsync("dsl.blakehill", new { email = "dsl@blakehill.example" });
        var answered = new ReferralMade(Guid.NewGuid(), Guid.NewGuid(), NotificationsFixture.Blakehill, DateTimeOffset.UtcNow, "childrens-social-care",
            UkToday.AddDays(-5), UkToday.AddDays(-1));
        await fixture.Bus.Publish(new ReferralOutcomeRecorded(answered.IncidentId, answered.ReferralId, NotificationsFixture.Blakehill,
            DateTimeOffset.UtcNow, "childrens-social-care", "no-further-action"));
        // The outcome first, and seen: a reminder pass between the referral and its outcome would rightly remind.
        await Eventually.True(async () => (await CentreAsync()).Any(n => n.GetProperty("kind").GetString() == "referral-outcome-recorded"
            && n.GetProperty("link").GetString()!.EndsWith(answered.IncidentId.ToString())), TimeSpan.FromSeconds(30), "the outcome in the centre");
        await fixture.Bus.Publish(answered);
        await Eventually.True(async () => (await CentreAsync()).Count(n => n.GetProperty("link").GetString()!.EndsWith(answered.IncidentId.ToString())) == 2,
            TimeSpan.FromSeconds(30), "the answered referral and its outcome in the centre");

        var overdue = new ReferralMade(Guid.NewGuid(), Guid.NewGuid(), NotificationsFixture.Blakehill, DateTimeOffset.UtcNow, "lado",
            UkToday.AddDays(-3), UkToday.AddDays(-1));
        var notYet = overdue with { ReferralId = Guid.NewGuid(), IncidentId = Guid.NewGuid(), DueOn = UkToday };
        await fixture.Bus.Publish(overdue);
        await fixture.Bus.Publish(notYet);

        var reminder = NotificationsFixture.DeliveryId($"referral-overdue:{overdue.ReferralId}", dsl);
        await Eventually.True(() => Task.FromResult(fixture.Mailbox.With(reminder).Count == 1), TimeSpan.FromSeconds(30), "the overdue reminder email");
        await Eventually.True(async () => (await CentreAsync()).Any(n => n.GetProperty("kind").GetString() == "referral-overdue"
            && n.GetProperty("link").GetString()!.EndsWith(overdue.IncidentId.ToString())), TimeSpan.FromSeconds(10), "the reminder in-app");
        // Every pass reads all due referrals at once: the pass that reminded of the overdue one saw the answered one too.
        var centre = await CentreAsync();
        centre.ShouldNotContain(n => n.GetProperty("kind").GetString() == "referral-overdue"
            && n.GetProperty("link").GetString()!.EndsWith(answered.IncidentId.ToString()));
        centre.ShouldNotContain(n => n.GetProperty("kind").GetString() == "referral-overdue"
            && n.GetProperty("link").GetString()!.EndsWith(notYet.IncidentId.ToString()));
        fixture.Mailbox.With(reminder).Count.ShouldBe(1);
    }
}
