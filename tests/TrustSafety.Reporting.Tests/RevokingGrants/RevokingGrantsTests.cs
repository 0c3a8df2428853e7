using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.EventSourcing;
using TrustSafety.Reporting.Grants;
using TrustSafety.Reporting.RevokingGrants;

namespace TrustSafety.Reporting.Tests.RevokingGrants;

public sealed class RevokingGrantsTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);

    private static DrillDownGrant Grant(int hoursAgo, bool revoked)
    {
        var issuedAt = Now.AddHours(-hoursAgo);
        var grant = DrillDownGrant.Create(new DrillDownGrantIssued(Guid.NewGuid(), "141001", "lead", "Trust Lead", "reason given", issuedAt, issuedAt.AddHours(24)));
        if (revoked) grant.Apply(new DrillDownGrantRevoked(grant.Id, "lead", issuedAt.AddHours(1)));
        return grant;
    }

    private static Actor As(string id) => new(id, "Trust Lead", ["trust-lead"]);

    [Theory]
    [InlineData(1, false, true, null)]
    [InlineData(30, false, true, null)]               // an expired grant can still be revoked
    [InlineData(2, true, false, "Grant already revoked")]
    [InlineData(30, true, false, "Grant already revoked")]
    public void a_grant_not_yet_revoked_is_revoked_now_and_a_revoked_one_is_a_conflict(int hoursAgo, bool revoked, bool accepted, string? title)
    {
        var grant = Grant(hoursAgo, revoked);

        var decision = RevokeGrant.Decide(grant, As("lead"), Now);

        decision.Accepted.ShouldBe(accepted);
        if (accepted)
        {
            decision.Events.ShouldHaveSingleItem().ShouldBe(new DrillDownGrantRevoked(grant.Id, "lead", Now));
            RevokeGrant.After(grant, decision).StatusAt(Now).ShouldBe("revoked");
        }
        else
        {
            var conflict = decision.Rejection.ShouldBeOfType<NotAllowedNow>();
            conflict.Title.ShouldBe(title);
            conflict.Detail.ShouldBe("Nothing changed.");
            decision.Events.ShouldBeEmpty();
        }
    }

    [Theory]
    [InlineData("lead", true)]
    [InlineData("another-lead", false)]
    public void only_the_holder_may_revoke_and_anyone_else_is_told_it_is_not_found(string caller, bool admitted)
    {
        var refused = RevokeGrant.Admit(Grant(1, revoked: false), As(caller));

        if (admitted) refused.ShouldBeNull();
        else refused.ShouldBeOfType<ProblemHttpResult>().StatusCode.ShouldBe(404);
    }
}
