using TrustSafety.Reporting.Grants;
using TrustSafety.Reporting.GrantingDrillDown;

namespace TrustSafety.Reporting.Tests.GrantingDrillDown;

public sealed class GrantingDrillDownTests
{
    private static readonly DateTimeOffset Now = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] Schools = ["141001", "141002"];

    [Theory]
    [InlineData("141001", "Pattern of alerts needs review", 24, "")]
    [InlineData("999999", "Pattern of alerts needs review", 24, "schoolUrn")]
    [InlineData(null, "Pattern of alerts needs review", 24, "schoolUrn")]
    [InlineData("141001", "short", 24, "reason")]
    [InlineData("141001", "   ", 24, "reason")]
    [InlineData("141001", "Pattern of alerts needs review", 0, "hours")]
    [InlineData("141001", "Pattern of alerts needs review", 73, "hours")]
    [InlineData("141003", "x", null, "schoolUrn,reason,hours")]
    public void a_grant_needs_a_trust_school_a_reason_and_a_bounded_duration(string? urn, string reason, int? hours, string badFields)
    {
        var (issued, errors) = GrantDecisions.Issue(new IssueGrant(urn, reason, hours), Schools, "lead", "Trust Lead", Guid.NewGuid(), Now);

        string.Join(',', errors.Keys).ShouldBe(badFields);
        (issued is null).ShouldBe(badFields != "");
        if (issued is not null) issued.ExpiresAt.ShouldBe(Now.AddHours(hours!.Value));
    }

    [Theory]
    [InlineData("lead", 0, false, true)]
    [InlineData("lead", 23, false, true)]
    [InlineData("lead", 24, false, false)]
    [InlineData("lead", 1, true, false)]
    [InlineData("someone-else", 1, false, false)]
    public void only_the_holder_reads_and_only_until_expiry_or_revocation(string caller, int hoursLater, bool revoked, bool allowed)
    {
        var grant = DrillDownGrant.Create(new DrillDownGrantIssued(Guid.NewGuid(), "141001", "lead", "Trust Lead", "reason given", Now, Now.AddHours(24)));
        if (revoked) grant.Apply(new DrillDownGrantRevoked(grant.Id, "lead", Now));

        GrantDecisions.AllowsRead(grant, caller, Now.AddHours(hoursLater)).ShouldBe(allowed);
    }
}
