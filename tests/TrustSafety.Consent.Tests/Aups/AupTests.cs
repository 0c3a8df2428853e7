using TrustSafety.Consent.Aups;
using static TrustSafety.Consent.Tests.Fixtures.Given;

namespace TrustSafety.Consent.Tests.Aups;

public sealed class AupTests
{
    private static AcceptableUsePolicy Policy(params (string PublishedOn, int GraceDays)[] versions)
    {
        AcceptableUsePolicy? policy = null;
        foreach (var (on, grace) in versions)
        {
            var issued = AupRules.Publish(policy, "staff", "Staff AUP", null, grace, D(on), Now, "head");
            if (policy is null) policy = AcceptableUsePolicy.Create(issued); else policy.Apply(issued);
        }
        return policy!;
    }

    private static AupSignatory Signed(int version) =>
        AupSignatory.Create(new AupSignatureRecorded(Guid.NewGuid(), "staff", "t1", version, Now, "paper", "head"));

    private static Dictionary<Guid, AupSignatory?> Signatories(AupSignatory? t1 = null) =>
        new() { [StreamIds.AupSignatory("staff", "t1")] = t1 };

    [Fact]
    public void a_new_version_sets_when_older_signatures_lapse()
    {
        var policy = Policy(("2026-09-01", 30), ("2027-01-04", 30));
        policy.Current.Version.ShouldBe(2);
        policy.OlderSignaturesLapseOn.ShouldBe(D("2027-02-03"));
        policy.LapseOn(1).ShouldBe(D("2027-02-03"));
        policy.LapseOn(2).ShouldBeNull();
    }

    [Theory]
    [InlineData(0, "2027-01-10", SignatureState.NotSigned)]
    [InlineData(2, "2027-01-10", SignatureState.Current)]
    [InlineData(1, "2027-01-10", SignatureState.InGrace)]
    [InlineData(1, "2027-02-02", SignatureState.InGrace)]
    [InlineData(1, "2027-02-03", SignatureState.Lapsed)]
    public void a_signature_of_an_older_version_counts_only_during_the_grace_period(int signedVersion, string on, SignatureState state)
    {
        var policy = Policy(("2026-09-01", 30), ("2027-01-04", 30));
        AupRules.Status(policy, signedVersion == 0 ? null : Signed(signedVersion), "t1", D(on)).State.ShouldBe(state);
    }

    [Theory]
    [InlineData(1, "2027-02-02", false)]
    [InlineData(1, "2027-02-03", true)]
    [InlineData(2, "2027-02-03", false)]
    public void a_lapse_is_decided_once_the_grace_period_is_over(int signedVersion, string today, bool lapses)
    {
        var policy = Policy(("2026-09-01", 30), ("2027-01-04", 30));
        var signatory = Signed(signedVersion);
        var lapse = AupRules.DecideLapse(policy, signatory, D(today), Now);
        (lapse is not null).ShouldBe(lapses);
        if (lapse is null) return;
        lapse.LapsedVersion.ShouldBe(1);
        signatory.Apply(lapse);
        AupRules.DecideLapse(policy, signatory, D(today).AddDays(1), Now).ShouldBeNull("a lapse is recorded once");
    }

    [Fact]
    public void only_the_current_version_can_be_signed_and_signing_again_changes_nothing()
    {
        var policy = Policy(("2026-09-01", 30), ("2027-01-04", 30));
        AupRules.Sign(policy, Signatories(), "staff", "t1", 1, "paper", Now, "head").Rejection.ShouldNotBeNull().Status.ShouldBe(422);
        AupRules.Sign(policy, Signatories(), "staff", "t1", null, "paper", Now, "head").Elsewhere.ShouldHaveSingleItem().Event
            .ShouldBeOfType<AupSignatureRecorded>().Version.ShouldBe(2);
        AupRules.Sign(policy, Signatories(Signed(2)), "staff", "t1", null, "paper", Now, "head").Records.ShouldBeFalse();
        AupRules.Sign(null, Signatories(), "staff", "t1", null, "paper", Now, "head").Rejection.ShouldNotBeNull().Status.ShouldBe(404);
    }
}
