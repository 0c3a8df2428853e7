using static TrustSafety.Governance.Tests.Fixtures.Givens;

namespace TrustSafety.Governance.Tests.AuditingTraining;

public sealed class AuditingTrainingTests
{
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
