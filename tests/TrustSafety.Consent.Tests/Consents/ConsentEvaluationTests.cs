using TrustSafety.Contracts.Consent;
using static TrustSafety.Consent.Tests.Fixtures.Given;

namespace TrustSafety.Consent.Tests.Consents;

public sealed class ConsentEvaluationTests
{
    [Theory]
    [InlineData("2026-09-10", "2027-08-31")]
    [InlineData("2026-08-31", "2026-08-31")]
    [InlineData("2026-09-01", "2027-08-31")]
    [InlineData("2027-01-15", "2027-08-31")]
    public void an_academic_year_ends_on_the_configured_day_after_the_given_day(string day, string end) =>
        SchoolYear.EndOfYearContaining(D(day)).ShouldBe(D(end));

    [Fact]
    public void a_type_with_its_own_end_day_expires_on_that_day_instead_of_the_academic_year_end()
    {
        var trips = Type();
        trips.Renewal = new RenewalPolicy(RenewalKind.AcademicYear, 7, 31);
        trips.ValidUntil(D("2026-09-10"), SchoolYear).ShouldBe(D("2027-07-31"));
        Type(renewal: RenewalKind.UntilWithdrawn).ValidUntil(D("2026-09-10"), SchoolYear).ShouldBeNull();
    }

    public static TheoryData<string, string[], string, bool, string> OptIn => new()
    {
        { "no answer means no", [], "2026-11-23", false, Verdict.NoResponse },
        { "a yes counts", ["given:2026-09-10"], "2026-11-23", true, Verdict.Given },
        { "a yes counts on the last day of the academic year", ["given:2026-09-10"], "2027-08-31", true, Verdict.Given },
        { "a yes has expired the day after", ["given:2026-09-10"], "2027-09-01", false, Verdict.Expired },
        { "a yes does not count before it was given", ["given:2026-09-10"], "2026-09-09", false, Verdict.NoResponse },
        { "a decline means no", ["declined:2026-09-10"], "2026-11-23", false, Verdict.Declined },
        { "a withdrawal means no from its day", ["given:2026-09-10", "withdrawn:2026-10-01"], "2026-10-01", false, Verdict.Withdrawn },
        { "before the withdrawal the yes stood", ["given:2026-09-10", "withdrawn:2026-10-01"], "2026-09-30", true, Verdict.Given },
        { "a yes after a decline counts", ["declined:2026-09-10", "given:2026-09-20"], "2026-11-23", true, Verdict.Given },
    };

    [Theory]
    [MemberData(nameof(OptIn))]
    public void opt_in_consent_counts_only_while_a_current_yes_stands(string because, string[] answers, string on, bool allowed, string basis)
    {
        var type = Type();
        var verdict = ConsentEvaluation.Evaluate(type, Answers(type, answers), D(on));
        verdict.Allowed.ShouldBe(allowed, because);
        verdict.Basis.ShouldBe(basis, because);
    }

    public static TheoryData<string, string[], string, bool, string> Versions => new()
    {
        { "before the fresh wording is published", ["given:2026-09-10:v1"], "2026-11-30", true, Verdict.Given },
        { "from the day the fresh wording is published", ["given:2026-09-10:v1"], "2026-12-01", false, Verdict.WordingSuperseded },
        { "a yes to the new wording counts", ["given:2026-09-10:v1", "given:2026-12-02:v2"], "2026-12-02", true, Verdict.Given },
        { "an old-wording yes given after publication", ["given:2026-12-05:v1"], "2026-12-05", false, Verdict.WordingSuperseded },
    };

    [Theory]
    [MemberData(nameof(Versions))]
    public void a_wording_that_requires_fresh_consent_ends_earlier_answers(string because, string[] answers, string on, bool allowed,
        string basis)
    {
        var type = Type(laterWordings: ("2026-12-01", true));
        var verdict = ConsentEvaluation.Evaluate(type, Answers(type, answers), D(on));
        verdict.Allowed.ShouldBe(allowed, because);
        verdict.Basis.ShouldBe(basis, because);
    }

    [Fact]
    public void a_minor_wording_change_keeps_earlier_answers()
    {
        var type = Type(laterWordings: ("2026-12-01", false));
        ConsentEvaluation.Evaluate(type, Answers(type, "given:2026-09-10:v1"), D("2027-01-10")).Allowed.ShouldBeTrue();
    }

    public static TheoryData<string, string[], bool, string> OptOut => new()
    {
        { "no opt-out means yes", [], true, Verdict.NoOptOut },
        { "an opt-out means no", ["declined:2026-09-10"], false, Verdict.OptedOut },
        { "a withdrawal is an opt-out", ["given:2026-09-10", "withdrawn:2026-10-01"], false, Verdict.OptedOut },
        { "an old yes does not expire", ["given:2025-09-10"], true, Verdict.NoOptOut },
        { "opting back in means yes", ["declined:2026-09-10", "given:2026-10-01"], true, Verdict.NoOptOut },
    };

    [Theory]
    [MemberData(nameof(OptOut))]
    public void opt_out_schools_publish_unless_a_guardian_opted_out(string because, string[] answers, bool allowed, string basis)
    {
        var type = Type(ConsentMode.OptOut);
        var verdict = ConsentEvaluation.Evaluate(type, Answers(type, answers), D("2026-11-23"));
        verdict.Allowed.ShouldBe(allowed, because);
        verdict.Basis.ShouldBe(basis, because);
    }

    [Fact]
    public void the_evidence_names_the_response_the_wording_version_and_the_last_valid_day()
    {
        var type = Type();
        var verdict = ConsentEvaluation.Evaluate(type, Answers(type, "given:2026-09-10"), D("2026-11-23"));
        verdict.Evidence.ShouldNotBeNull();
        verdict.Evidence.WordingVersion.ShouldBe(1);
        verdict.Evidence.ValidUntil.ShouldBe(D("2027-08-31"));
        verdict.Evidence.Relationship.ShouldBe("mother");
        verdict.Evidence.Channel.ShouldBe("paper");
    }

    public static TheoryData<string, ConsentMode, string?, string[], string, string?, string?> Lapses => new()
    {
        { "nothing before the year ends", ConsentMode.OptIn, null, ["given:2026-09-10"], "2027-08-31", null, null },
        { "the day after the year ends", ConsentMode.OptIn, null, ["given:2026-09-10"], "2027-09-01", ConsentExpiryReasons.PeriodEnded, "2027-09-01" },
        { "long after the year ends", ConsentMode.OptIn, null, ["given:2026-09-10"], "2027-10-15", ConsentExpiryReasons.PeriodEnded, "2027-09-01" },
        { "a fresh wording", ConsentMode.OptIn, "2026-12-01:fresh", ["given:2026-09-10"], "2026-12-01", ConsentExpiryReasons.WordingSuperseded, "2026-12-01" },
        { "a minor wording", ConsentMode.OptIn, "2026-12-01:minor", ["given:2026-09-10"], "2026-12-01", null, null },
        { "a withdrawn consent", ConsentMode.OptIn, null, ["given:2026-09-10", "withdrawn:2026-10-01"], "2027-09-01", null, null },
        { "an opt-out school", ConsentMode.OptOut, null, ["given:2026-09-10"], "2027-09-01", null, null },
    };

    [Theory]
    [MemberData(nameof(Lapses))]
    public void a_yes_lapses_once_its_period_ends_or_a_fresh_wording_replaces_it(string because, ConsentMode mode,
        string? wording, string[] answers, string today, string? reason, string? expiredOn)
    {
        var type = wording is null ? Type(mode) : Type(mode, laterWordings: (wording[..10], wording.EndsWith("fresh")));
        var lapse = ConsentEvaluation.DecideLapse(type, Answers(type, answers), D(today), Now);
        if (reason is null) lapse.ShouldBeNull(because);
        else
        {
            lapse.ShouldNotBeNull(because).Reason.ShouldBe(reason, because);
            lapse.ExpiredOn.ShouldBe(D(expiredOn.ShouldNotBeNull()), because);
        }
    }

    [Fact]
    public void a_lapse_is_recorded_once()
    {
        var type = Type();
        var consent = Answers(type, "given:2026-09-10");
        var lapse = ConsentEvaluation.DecideLapse(type, consent, D("2027-09-01"), Now)!;
        consent.Apply(lapse);
        ConsentEvaluation.DecideLapse(type, consent, D("2027-09-02"), Now).ShouldBeNull();
        consent.AwaitingLapse.ShouldBeFalse();
    }
}
