using static TrustSafety.Governance.Tests.Fixtures.ApiGivens;

namespace TrustSafety.Governance.Tests.ReviewingPolicies;

[Collection(RecordsApiCollection.Name)]
public sealed class ReviewingPoliciesApiTests(GovernanceFixture fixture)
{
    [Fact]
    public async Task an_approved_policy_falls_overdue_a_year_on_and_shows_in_the_overdue_list()
    {
        using var dsl = await fixture.ClientFor("dsl.blakehill");
        var v = await Registered(dsl, "mobile-phones", "Mobile phones policy");
        var approved = await dsl.Send(HttpMethod.Post, "/policies/mobile-phones/versions",
            new { versionLabel = "3.0", approvedBy = "Full governing board", approvedOn = "2025-11-01" }, v);
        approved.Status.ShouldBe(HttpStatusCode.OK, approved.Body.ToString());
        approved.Body.GetProperty("reviewDueOn").GetString().ShouldBe("2026-11-01");
        approved.Body.GetProperty("state").GetString().ShouldBe("overdue");
        (await dsl.GetAsync("/policies/overdue").Ok()).EnumerateArray().ShouldContain(p => p.GetProperty("code").GetString() == "mobile-phones");

        var reviewed = await dsl.Send(HttpMethod.Post, "/policies/mobile-phones/reviews",
            new { reviewedBy = "Headteacher", reviewedOn = "2026-11-09" }, approved.ETag);
        reviewed.Status.ShouldBe(HttpStatusCode.OK, reviewed.Body.ToString());
        reviewed.Body.GetProperty("reviewDueOn").GetString().ShouldBe("2027-11-09");
        (await dsl.GetAsync("/policies/overdue").Ok()).EnumerateArray().ShouldNotContain(p => p.GetProperty("code").GetString() == "mobile-phones");
    }
}
