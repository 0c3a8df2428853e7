using TrustSafety.Notifications.Reminders;

namespace TrustSafety.Notifications.Tests.Reminders;

public sealed class OverdueReferralsTests
{
    [Theory]
    [InlineData(2026, 12, 2, "2026-12-03T00:00:00+00:00")] // GMT
    [InlineData(2026, 7, 14, "2026-07-15T00:00:00+01:00")] // BST: midnight in the UK is 23:00 UTC
    public void a_referral_is_overdue_from_midnight_uk_time_after_its_due_day(int y, int m, int d, string expected)
    {
        var from = OverdueReferrals.OverdueFrom(new DateOnly(y, m, d));
        from.ShouldBe(DateTimeOffset.Parse(expected));
        // Stored in a timestamptz column, which takes offset 0 only (a BST offset failed every summer referral's message).
        from.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void the_reminder_is_emailed_links_to_the_incident_and_is_keyed_by_the_referral()
    {
        var watch = new ReferralWatch { Id = Guid.NewGuid(), IncidentId = Guid.NewGuid(), SchoolUrn = "141001", Destination = "lado",
            DueOn = new DateOnly(2026, 12, 1) };
        var notice = OverdueReferrals.Reminder(watch, DateTimeOffset.UnixEpoch);
        notice.Email.ShouldBeTrue();
        notice.Key.ShouldBe($"referral-overdue:{watch.Id}");
        notice.LinkPath.ShouldBe($"#/incidents/{watch.IncidentId}");
    }
}
