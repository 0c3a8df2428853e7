using TrustSafety.Contracts.Governance;
using TrustSafety.Notifications.Notices;
using TrustSafety.Notifications.Reminders;

namespace TrustSafety.Notifications.Tests.Reminders;

/// <summary>Issue 16: overdue training reminds the safeguarding team once per person and lapse, from governance's status.</summary>
public sealed class TrainingReminderRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 12, 2);

    private static TrainingStatusChanged Status(DateTimeOffset at, DateOnly? prevent, DateOnly? safeguarding, bool inductionComplete = true,
        bool active = true, string role = "staff") =>
        new("141001", at, "p-1", role, active, inductionComplete, new DateOnly(2026, 10, 1),
            [new("prevent", prevent), new("safeguarding", safeguarding)]);

    [Fact]
    public void a_lapsed_kind_reminds_the_safeguarding_team_once_by_email_and_a_current_one_waits_for_its_day()
    {
        var watch = OverdueTraining.Watch(null, Status(Now, Today.AddDays(-1), Today.AddDays(40)));
        var notice = OverdueTraining.Reminder(watch, Now).ShouldNotBeNull();
        notice.Audience.ShouldBe(Audience.SafeguardingTeam);
        notice.Email.ShouldBeTrue();
        notice.LinkPath.ShouldBe("#/governance");
        notice.Title.ShouldBe("A member of staff's training is overdue: Prevent (lapsed after 2026-12-01)");
        notice.Title.ShouldNotContain("p-1", Case.Sensitive, "the notice names no one; the Governance page does, behind sign-in");
        watch.NextOverdueAt.ShouldBe(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero), "the start of the day after, UK time");

        // After the pass marks it reminded, nothing more until safeguarding lapses 40 days on.
        watch.Items.Single(i => i.Kind == "prevent").Reminded = true;
        OverdueTraining.Reminder(watch, Now).ShouldBeNull();
        OverdueTraining.Reminder(watch, Now.AddDays(41)).ShouldNotBeNull().Title.ShouldContain("safeguarding (lapsed after 2027-01-11)");
    }

    [Fact]
    public void never_done_training_and_an_unfinished_induction_are_overdue_after_the_induction_due_day()
    {
        var watch = OverdueTraining.Watch(null, Status(Now, null, Today.AddDays(100), inductionComplete: false, role: "governor"));
        var notice = OverdueTraining.Reminder(watch, Now).ShouldNotBeNull();
        notice.Title.ShouldStartWith("A governor's training is overdue:");
        notice.Title.ShouldContain("Prevent (not done, due by 2026-10-01)");
        notice.Title.ShouldContain("induction (online-safety policy and AUP) (not done, due by 2026-10-01)");
    }

    [Fact]
    public void a_redelivered_or_older_status_does_not_remind_again_and_renewed_training_moves_the_day_on()
    {
        var watch = OverdueTraining.Watch(null, Status(Now, Today.AddDays(-1), Today.AddDays(40)));
        var first = OverdueTraining.Reminder(watch, Now)!;
        foreach (var item in watch.Items.Where(i => i.OverdueFrom <= Now)) item.Reminded = true;

        var again = OverdueTraining.Watch(watch, Status(Now.AddMinutes(1), Today.AddDays(-1), Today.AddDays(40)));
        OverdueTraining.Reminder(again, Now.AddMinutes(1)).ShouldBeNull("the same lapse was told already");

        var older = OverdueTraining.Watch(again, Status(Now.AddDays(-5), Today.AddDays(-30), Today.AddDays(-30)));
        older.Items.Single(i => i.Kind == "safeguarding").DueOn.ShouldBe(Today.AddDays(40), "an older status arriving late changes nothing");

        var renewed = OverdueTraining.Watch(again, Status(Now.AddHours(1), Today.AddYears(1), Today.AddDays(40)));
        renewed.NextOverdueAt.ShouldBe(OverdueReferrals.OverdueFrom(Today.AddDays(40)));
        renewed.Items.Single(i => i.Kind == "prevent").OverdueFrom.Offset.ShouldBe(TimeSpan.Zero,
            "stored as UTC: next summer's day in British Summer Time is written to a timestamptz column");
        var nextYear = OverdueTraining.Reminder(renewed, Now.AddYears(1).AddDays(2)).ShouldNotBeNull();
        nextYear.Key.ShouldNotBe(first.Key, "a later lapse is a new reminder");

        OverdueTraining.Watch(renewed, Status(Now.AddHours(2), null, null, active: false)).NextOverdueAt.ShouldBeNull("someone who left is not chased");
    }
}
