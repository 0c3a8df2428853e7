using static TrustSafety.Governance.Tests.Fixtures.Givens;

namespace TrustSafety.Governance.Tests.RecordingTraining;

public sealed class RecordingTrainingTests
{
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
}
