using static TrustSafety.Governance.Tests.Fixtures.ApiGivens;

namespace TrustSafety.Governance.Tests.RegisteringPolicies;

[Collection(RecordsApiCollection.Name)]
public sealed class RegisteringPoliciesApiTests(GovernanceFixture fixture)
{
    [Fact]
    public async Task policy_changes_need_if_match_and_another_school_gets_404()
    {
        using var dsl = await fixture.ClientFor("dsl.blakehill");
        await Registered(dsl, "remote-learning", "Remote learning policy");
        var body = new { approvedBy = "Head", approvedOn = "2026-10-01" };
        (await dsl.Send(HttpMethod.Post, "/policies/remote-learning/versions", body)).Status.ShouldBe((HttpStatusCode)428);
        (await dsl.Send(HttpMethod.Post, "/policies/remote-learning/versions", body, 999)).Status.ShouldBe(HttpStatusCode.PreconditionFailed);
        using var other = await fixture.ClientFor("dsl.caldecote");
        (await other.Send(HttpMethod.Post, "/policies/remote-learning/versions", body, 1)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync("/policies/remote-learning")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
