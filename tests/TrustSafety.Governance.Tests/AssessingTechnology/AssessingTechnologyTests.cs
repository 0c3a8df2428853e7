using TrustSafety.Governance.RiskAssessments;
using static TrustSafety.Governance.Tests.Fixtures.Givens;

namespace TrustSafety.Governance.Tests.AssessingTechnology;

public sealed class AssessingTechnologyTests
{
    private static readonly Risk High = new("Pupils' data sent abroad", "high", "high", "DPIA");

    [Theory]
    [InlineData("approved", null, 422)]
    [InlineData("approved-with-conditions", null, 422)]
    [InlineData("approved-with-conditions", "Only with the school's tenant", 0)]
    [InlineData("not-approved", null, 0)]
    public void a_likely_high_impact_risk_cannot_be_approved_without_conditions(string decision, string? conditions, int status)
    {
        var outcome = RiskRules.Assess(null, Guid.NewGuid(), "ChatApp", "homework help", [High], decision, conditions, Today, Today.AddYears(1),
            Today, "dsl", Now);
        (outcome.Rejection?.Status ?? 0).ShouldBe(status);
    }

    [Fact]
    public void a_review_date_must_follow_the_assessment() =>
        RiskRules.Assess(null, Guid.NewGuid(), "x", "y", [High with { Likelihood = "low" }], "approved", null, Today, Today, Today, "dsl", Now)
            .Rejection!.Status.ShouldBe(422);

    [Fact]
    public void a_second_assessment_is_a_review_of_the_first()
    {
        var a = TechnologyRiskAssessment.Create(new TechnologyRiskAssessed(Guid.NewGuid(), "x", "y", [High], "not-approved", null, Today.AddDays(-10),
            Today.AddDays(100), "dsl", Now));
        RiskRules.Assess(a, a.Id, "", "", [High with { Likelihood = "low" }], "approved", null, Today, Today.AddYears(1), Today, "dsl", Now)
            .Events.Single().ShouldBeOfType<TechnologyRiskReassessed>();
        RiskRules.StateOf(a, Today.AddDays(101)).ShouldBe("review-overdue");
    }
}
