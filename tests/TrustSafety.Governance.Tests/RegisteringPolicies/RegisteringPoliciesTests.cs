using static TrustSafety.Governance.Tests.Fixtures.Givens;

namespace TrustSafety.Governance.Tests.RegisteringPolicies;

public sealed class RegisteringPoliciesTests
{
    [Fact]
    public void the_next_review_is_a_year_after_approval_by_default()
    {
        var e = (PolicyVersionApproved)PolicyRules.Approve(Policy(), "2.1", "Governing board", new DateOnly(2026, 10, 1), null, null, Today, "dsl", Now).Events[0];
        e.NextReviewOn.ShouldBe(new DateOnly(2027, 10, 1));
        e.Version.ShouldBe(1);
        e.VersionLabel.ShouldBe("2.1");
    }

    [Theory]
    [InlineData("2026-11-11", null, 422)]
    [InlineData("2026-10-01", "2026-09-30", 422)]
    [InlineData("2026-10-01", "2030-10-01", 422)]
    public void approval_dates_must_make_sense(string approvedOn, string? nextReviewOn, int status) =>
        PolicyRules.Approve(Policy(), null, "Head", DateOnly.Parse(approvedOn), nextReviewOn is null ? null : DateOnly.Parse(nextReviewOn), null,
            Today, "dsl", Now).Rejection!.Status.ShouldBe(status);
}
