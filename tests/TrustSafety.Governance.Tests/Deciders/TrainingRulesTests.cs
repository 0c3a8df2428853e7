using TrustSafety.Governance.Training;

namespace TrustSafety.Governance.Tests.Deciders;

public sealed class TrainingRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 10);
    private static readonly DateTimeOffset Now = new(2026, 11, 10, 10, 0, 0, TimeSpan.Zero);

    private static StaffTraining Person(string role = "staff", DateOnly? joined = null, params (string Kind, string On)[] done)
    {
        var p = StaffTraining.Create(new StaffMemberJoined("t.jones", "Tess Jones", role, joined ?? new DateOnly(2024, 9, 1), "dsl", Now));
        foreach (var (kind, on) in done) p.Apply(new TrainingCompleted("t.jones", kind, DateOnly.Parse(on), "LA", null, null, "dsl", Now));
        return p;
    }

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
    public void training_cannot_be_recorded_in_the_future()
    {
        var outcome = TrainingRules.Complete(Person(), "prevent", Today.AddDays(1), "Home Office", null, null, Today, "dsl", Now);
        outcome.Rejection!.Status.ShouldBe(422);
    }

    [Fact]
    public void the_same_completion_recorded_twice_counts_once()
    {
        var p = Person(done: ("prevent", "2026-10-01"));
        var again = new TrainingCompleted("t.jones", "prevent", new DateOnly(2026, 10, 1), "LA", null, null, "dsl", Now);
        TrainingRules.Complete(p, "prevent", new DateOnly(2026, 10, 1), "LA", null, null, Today, "dsl", Now).Events.ShouldBeEmpty();
        TrainingRules.Complete(p, "prevent", new DateOnly(2026, 10, 2), "LA", null, null, Today, "dsl", Now).Events.Single().ShouldBeOfType<TrainingCompleted>();
        again.Kind.ShouldBe("prevent");
    }

    [Fact]
    public void training_for_someone_not_on_the_register_is_not_found() =>
        TrainingRules.Complete(null, "prevent", Today, "LA", null, null, Today, "dsl", Now).Rejection!.Status.ShouldBe(404);

    [Fact]
    public void joining_again_with_the_same_details_changes_nothing_and_a_new_role_is_recorded()
    {
        var p = Person();
        TrainingRules.Join(p, "t.jones", "Tess Jones", "staff", Today, "dsl", Now).Events.ShouldBeEmpty();
        TrainingRules.Join(p, "t.jones", "Tess Jones", "deputy-dsl", Today, "dsl", Now).Events.Single().ShouldBeOfType<StaffMemberRoleChanged>();
    }

    [Fact]
    public void the_snapshot_reporting_learns_carries_each_requirement_valid_until_and_no_name()
    {
        var snapshot = TrainingRules.Snapshot(Person(done: ("safeguarding", "2026-09-01")), TrainingRules.DefaultRequirements("staff"), Now);
        snapshot.Requirements.Single(r => r.Kind == "safeguarding").ValidUntil.ShouldBe(new DateOnly(2027, 8, 31));
        snapshot.Requirements.Single(r => r.Kind == "prevent").ValidUntil.ShouldBeNull();
        typeof(TrainingStatusRecorded).GetProperties().Select(p => p.Name).ShouldNotContain("Name");
    }

    [Fact]
    public void the_audit_counts_people_current_per_kind_and_completions_in_the_academic_year()
    {
        var a = Person(done: [("safeguarding", "2026-09-05"), ("online-safety", "2026-09-05"), ("prevent", "2026-09-05")]);
        a.Apply(new InductionCompleted("t.jones", new DateOnly(2024, 9, 2), new DateOnly(2024, 9, 2), "dsl", Now));
        var b = StaffTraining.Create(new StaffMemberJoined("b.smith", "Bea Smith", "staff", new DateOnly(2020, 1, 6), "dsl", Now));
        b.Apply(new TrainingCompleted("b.smith", "safeguarding", new DateOnly(2025, 6, 1), "LA", null, null, "dsl", Now));
        var requirements = TrainingRules.DefaultRequirements("staff");
        var audit = TrainingRules.Audit(2026, [(a, requirements), (b, requirements)], Today);

        audit.People.ShouldBe(2);
        audit.Compliant.ShouldBe(1);
        audit.PercentCompliant.ShouldBe(50.0);
        var safeguarding = audit.ByKind.Single(k => k.Kind == "safeguarding");
        safeguarding.Required.ShouldBe(2);
        safeguarding.Current.ShouldBe(1);
        safeguarding.Overdue.ShouldBe(1);
        safeguarding.CompletedInYear.ShouldBe(1);
        audit.NotCompliant.Single().PersonId.ShouldBe("b.smith");
        audit.Label.ShouldBe("2026/27");
    }

    [Fact]
    public void people_who_left_before_the_year_are_not_in_its_audit()
    {
        var p = Person();
        p.Apply(new StaffMemberLeft("t.jones", new DateOnly(2026, 7, 20), "dsl", Now));
        TrainingRules.Audit(2026, [(p, TrainingRules.DefaultRequirements("staff"))], Today).People.ShouldBe(0);
        TrainingRules.Audit(2025, [(p, TrainingRules.DefaultRequirements("staff"))], Today).People.ShouldBe(1);
    }
}
