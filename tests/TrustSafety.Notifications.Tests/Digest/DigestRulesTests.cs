using TrustSafety.Platform;
using TrustSafety.Notifications.Digest;
using TrustSafety.Notifications.Recipients;

namespace TrustSafety.Notifications.Tests.Digest;

/// <summary>When a person's daily digest is due, decided without I/O, in school time (Europe/London).</summary>
public sealed class DigestRulesTests
{
    private static StaffPreferences Dsl(TimeOnly at, DateTimeOffset? away = null) => new()
    {
        Id = "dsl", Name = "DSL", Roles = [Roles.Dsl], Email = "dsl@school.example", DailyDigest = true, DigestAt = at, AwayUntil = away,
    };

    [Theory]
    // Monday 7 December 2026 (GMT): 07:29 not yet, 07:30 due.
    [InlineData("2026-12-07T07:29:00Z", "07:30", false)]
    [InlineData("2026-12-07T07:30:00Z", "07:30", true)]
    // Monday 6 July 2026 (BST, UTC+1): 06:30 UTC is 07:30 in London.
    [InlineData("2026-07-06T06:29:00Z", "07:30", false)]
    [InlineData("2026-07-06T06:30:00Z", "07:30", true)]
    // Saturday and Sunday are not school days.
    [InlineData("2026-12-12T09:00:00Z", "07:30", false)]
    [InlineData("2026-12-13T09:00:00Z", "07:30", false)]
    public void due_at_their_time_in_school_time_on_weekdays(string now, string at, bool due) =>
        DailyDigest.Due(Dsl(DailyDigest.ParseTime(at)!.Value), DateTimeOffset.Parse(now)).ShouldBe(due);

    [Fact]
    public void not_due_when_off_without_an_address_or_away()
    {
        var now = DateTimeOffset.Parse("2026-12-07T09:00:00Z");
        var off = Dsl(DailyDigest.DefaultTime);
        off.DailyDigest = false;
        DailyDigest.Due(off, now).ShouldBeFalse();
        var noAddress = Dsl(DailyDigest.DefaultTime);
        noAddress.Email = null;
        DailyDigest.Due(noAddress, now).ShouldBeFalse();
        DailyDigest.Due(Dsl(DailyDigest.DefaultTime, now.AddDays(2)), now).ShouldBeFalse();
    }

    [Theory]
    [InlineData("07:30", true)]
    [InlineData("23:59", true)]
    [InlineData("7:30", false)]
    [InlineData("24:00", false)]
    [InlineData("07:30:00", false)]
    [InlineData("", false)]
    public void the_time_is_hh_mm(string text, bool valid) => (DailyDigest.ParseTime(text) is not null).ShouldBe(valid);

    [Fact]
    public void nothing_to_report_is_no_digest_and_team_counts_are_only_for_the_team()
    {
        new DigestCounts(0, 0, 0, 0, 0).Anything.ShouldBeFalse();
        new DigestCounts(null, null, 0, 0, 1).Anything.ShouldBeTrue();
        var (_, staffBody) = DailyDigest.Compose(new DigestCounts(null, null, 1, 0, 0), "A colleague", "141001", new DateOnly(2026, 12, 7),
            "https://dash.example/#/tasks", TrustSchools.Demo);
        staffBody.ShouldNotContain("awaiting triage");
        staffBody.ShouldContain("Tasks given to you, due today or overdue: 1");
    }
}
