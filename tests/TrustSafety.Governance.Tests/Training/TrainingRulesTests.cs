using static TrustSafety.Governance.Tests.Fixtures.Givens;

namespace TrustSafety.Governance.Tests.Training;

public sealed class TrainingRulesTests
{
    [Theory]
    [InlineData("2026-01-10", TrainingState.Current)]
    [InlineData("2025-11-20", TrainingState.DueSoon)]
    [InlineData("2025-11-10", TrainingState.Overdue)]
    [InlineData("2025-11-11", TrainingState.DueSoon)]
    public void annual_training_counts_for_twelve_months_then_falls_overdue(string completedOn, TrainingState expected)
    {
        var status = TrainingRules.Status(Person(done: ("safeguarding", completedOn)), TrainingRules.DefaultRequirements("staff"), Today);
        status.Training.Single(t => t.Kind == "safeguarding").State.ShouldBe(expected);
    }

    [Fact]
    public void training_never_done_is_listed_and_makes_the_person_non_compliant()
    {
        var status = TrainingRules.Status(Person(), TrainingRules.DefaultRequirements("staff"), Today);
        status.Training.ShouldAllBe(t => t.State == TrainingState.NeverDone);
        status.Compliant.ShouldBeFalse();
    }

    [Theory]
    [InlineData("staff", new[] { "safeguarding", "online-safety", "prevent" })]
    [InlineData("dsl", new[] { "safeguarding", "online-safety", "prevent", "dsl" })]
    [InlineData("governor", new[] { "safeguarding", "online-safety", "governor" })]
    public void each_role_requires_its_own_training(string role, string[] kinds) =>
        TrainingRules.DefaultRequirements(role).Select(r => r.Kind).ShouldBe(kinds);

    [Fact]
    public void dsl_training_lasts_two_years_by_default() =>
        TrainingRules.DefaultRequirements("dsl").Single(r => r.Kind == "dsl").IntervalMonths.ShouldBe(24);

    [Fact]
    public void a_person_with_every_training_current_and_induction_done_is_compliant()
    {
        var p = Person(done: [("safeguarding", "2026-09-01"), ("online-safety", "2026-09-01"), ("prevent", "2026-09-02")]);
        TrainingRules.Status(p, TrainingRules.DefaultRequirements("staff"), Today).Compliant.ShouldBeFalse("induction is not recorded yet");
        p.Apply(new InductionCompleted("t.jones", new DateOnly(2024, 9, 2), new DateOnly(2024, 9, 2), "dsl", Now));
        TrainingRules.Status(p, TrainingRules.DefaultRequirements("staff"), Today).Compliant.ShouldBeTrue();
    }

    [Fact]
    public void induction_is_overdue_four_weeks_after_joining()
    {
        var p = Person(joined: Today.AddDays(-29));
        TrainingRules.Status(p, TrainingRules.DefaultRequirements("staff"), Today).InductionOverdue.ShouldBeTrue();
        TrainingRules.Status(Person(joined: Today.AddDays(-27)), TrainingRules.DefaultRequirements("staff"), Today).InductionOverdue.ShouldBeFalse();
    }

    [Fact]
    public void the_snapshot_reporting_learns_carries_each_requirement_valid_until_and_no_name()
    {
        var snapshot = TrainingRules.Snapshot(Person(done: ("safeguarding", "2026-09-01")), TrainingRules.DefaultRequirements("staff"), Now);
        snapshot.Requirements.Single(r => r.Kind == "safeguarding").ValidUntil.ShouldBe(new DateOnly(2027, 8, 31));
        snapshot.Requirements.Single(r => r.Kind == "prevent").ValidUntil.ShouldBeNull();
        typeof(TrainingStatusRecorded).GetProperties().Select(p => p.Name).ShouldNotContain("Name");
    }
}
