using TrustSafety.Consent.Aups;
using static TrustSafety.Consent.Tests.Fixtures.Given;

namespace TrustSafety.Consent.Tests.SigningAups;

/// <summary>POST /aups/{audience}/signatures and /aups/me/signature: one signature, addressed to the person's signatory stream.</summary>
public sealed class SigningAupsTests
{
    private static readonly Guid Stream = StreamIds.AupSignatory("staff", "t1");

    private static AcceptableUsePolicy Policy(int versions)
    {
        AcceptableUsePolicy? policy = null;
        for (var i = 0; i < versions; i++)
        {
            var issued = AupRules.Publish(policy, "staff", "Staff AUP", null, 30, D("2026-09-01").AddMonths(i), Now, "head");
            if (policy is null) policy = AcceptableUsePolicy.Create(issued); else policy.Apply(issued);
        }
        return policy!;
    }

    private static Dictionary<Guid, AupSignatory?> Signed(int? version) => new()
    {
        [Stream] = version is { } v ? AupSignatory.Create(new AupSignatureRecorded(Guid.NewGuid(), "staff", "t1", v, Now, "paper", "head")) : null,
    };

    public static TheoryData<int, int?, int?, int?, int?> Signatures => new()
    {
        // published versions (0: none), version signed before (null: never), version asked for, recorded version (null: none), status
        { 1, null, null, 1, null },
        { 2, null, 2, 2, null },
        { 2, 1, null, 2, null },   // a newer version: signed again
        { 2, 2, null, null, null }, // the current version again: nothing changes
        { 2, 2, 2, null, null },
        { 2, null, 1, null, 422 },  // only the current version can be signed
        { 0, null, null, null, 404 },
    };

    [Theory]
    [MemberData(nameof(Signatures))]
    public void a_signature_of_the_current_version_is_recorded_on_the_signatorys_stream_once(int published, int? signedBefore, int? asked,
        int? recorded, int? status)
    {
        var decision = AupRules.Sign(published == 0 ? null : Policy(published), Signed(signedBefore), "staff", "t1", asked, "online",
            Now, "t1");

        (decision.Rejection?.Status).ShouldBe(status);
        decision.Events.ShouldBeEmpty("the signature is addressed to the signatory's stream");
        decision.Started.ShouldBeEmpty("the change path fetched the stream, so a first signature starts it as an AupSignatory");
        if (recorded is null)
        {
            decision.Elsewhere.ShouldBeEmpty();
            return;
        }
        var signature = decision.Elsewhere.ShouldHaveSingleItem();
        signature.StreamId.ShouldBe(Stream);
        var e = signature.Event.ShouldBeOfType<AupSignatureRecorded>();
        (e.Audience, e.PersonId, e.Version, e.Channel, e.SignedAt, e.RecordedBy).ShouldBe(("staff", "t1", recorded.Value, "online", Now, "t1"));
    }
}
