using static TrustSafety.Governance.Tests.Fixtures.Givens;

namespace TrustSafety.Governance.Tests.ReviewingPolicies;

public sealed class ReviewingPoliciesTests
{
    [Theory]
    [InlineData("2025-11-11", "due-soon")]
    [InlineData("2025-11-09", "overdue")]
    [InlineData("2026-10-01", "current")]
    public void a_policy_is_overdue_once_its_review_date_has_passed(string approvedOn, string state) =>
        PolicyRules.StateOf(Policy(approvedOn), Today).ShouldBe(state);

    [Fact]
    public void a_policy_never_approved_has_no_review_date() => PolicyRules.StateOf(Policy(), Today).ShouldBe("not-approved");

    [Fact]
    public void a_requested_review_brings_the_due_date_forward_and_the_next_approval_clears_it()
    {
        var p = Policy("2026-10-01");
        p.Apply((PolicyReviewRequested)PolicyRules.RequestReview(p, "lesson", Today.AddDays(14), Guid.NewGuid(), Guid.NewGuid(), Today, "dsl", Now).Events[0]);
        p.ReviewDueOn.ShouldBe(Today.AddDays(14));
        PolicyRules.StateOf(p, Today).ShouldBe("due-soon");
        p.Apply((PolicyVersionApproved)PolicyRules.Approve(p, null, "Head", Today, null, null, Today, "dsl", Now).Events[0]);
        p.OpenRequests.ShouldBeEmpty();
        p.ReviewDueOn.ShouldBe(Today.AddYears(1));
    }

    [Fact]
    public void the_same_lesson_asks_for_a_review_once()
    {
        var p = Policy("2026-10-01");
        var lesson = Guid.NewGuid();
        p.Apply((PolicyReviewRequested)PolicyRules.RequestReview(p, "lesson", Today.AddDays(14), lesson, null, Today, "dsl", Now).Events[0]);
        PolicyRules.RequestReview(p, "lesson", Today.AddDays(14), lesson, null, Today, "dsl", Now).Events.ShouldBeEmpty();
    }

    [Fact]
    public void a_review_without_change_needs_an_approved_version() =>
        PolicyRules.ReviewWithoutChange(Policy(), "Head", Today, null, Today, "dsl", Now).Rejection!.Status.ShouldBe(409);

    [Fact]
    public void every_change_to_an_approved_policy_records_the_review_date_reporting_learns()
    {
        var p = Policy("2026-10-01");
        var events = PolicyRules.WithReviewDue(p, PolicyRules.RequestReview(p, "lesson", Today.AddDays(7), null, null, Today, "dsl", Now).Events, Now);
        var due = events.OfType<PolicyReviewDueSet>().Single();
        due.DueOn.ShouldBe(Today.AddDays(7));
        due.Reason.ShouldBe("lesson");
        p.OpenRequests.ShouldBeEmpty("the decision's events are folded onto a copy, never the tracked aggregate");
    }
}
