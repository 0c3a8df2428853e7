using TrustSafety.Consent.WithdrawingConsent;
using static TrustSafety.Consent.Tests.Fixtures.Given;

namespace TrustSafety.Consent.Tests.WithdrawingConsent;

/// <summary>POST /pupils/{pupilId}/consents/{type}/withdrawal's decider: effective today, only while something counts as yes.</summary>
public sealed class WithdrawingConsentTests
{
    [Theory]
    [InlineData(ConsentMode.OptIn, new string[0], false)]
    [InlineData(ConsentMode.OptIn, new[] { "given:2026-09-10" }, true)]
    [InlineData(ConsentMode.OptIn, new[] { "given:2026-09-10", "withdrawn:2026-10-01" }, false)]
    [InlineData(ConsentMode.OptOut, new string[0], true)]
    [InlineData(ConsentMode.OptOut, new[] { "declined:2026-09-10" }, false)]
    public void withdrawal_is_possible_only_while_something_counts_as_yes(ConsentMode mode, string[] answers, bool accepted)
    {
        var type = Type(mode);
        var outcome = WithdrawConsent.Withdraw(type, Answers(type, answers), "p1", Mum, D("2026-11-23"), Guid.NewGuid(), Now, "staff");
        (outcome.Rejection is null).ShouldBe(accepted);
        if (accepted) outcome.Events.ShouldHaveSingleItem().ShouldBeOfType<ConsentRevoked>().EffectiveOn.ShouldBe(D("2026-11-23"));
    }
}
