using TrustSafety.FilteringIngest.RotatingSourceSecret;
using static TrustSafety.FilteringIngest.Tests.Sources.SourceDecisionGivens;

namespace TrustSafety.FilteringIngest.Tests.RotatingSourceSecret;

public sealed class RotatingSourceSecretTests
{
    [Fact]
    public void rotation_keeps_the_old_secret_until_the_overlap_ends()
    {
        var source = Register(new("a", "cef", null, null, null, null, null), null).Item1!;
        RotateSourceSecret.Decide(source, "enc2", TimeSpan.FromHours(1), Now, "x").ShouldBeNull();
        source.ValidSecrets(Now.AddMinutes(30)).Select(s => s.Encrypted).ShouldBe(["enc", "enc2"]);
        source.ValidSecrets(Now.AddMinutes(61)).Select(s => s.Encrypted).ShouldBe(["enc2"]);
    }

    [Fact]
    public void rotation_without_overlap_invalidates_the_old_secret_at_once()
    {
        var source = Register(new("a", "cef", null, null, null, null, null), null).Item1!;
        RotateSourceSecret.Decide(source, "enc2", TimeSpan.Zero, Now, "x").ShouldBeNull();
        source.ValidSecrets(Now).Select(s => s.Encrypted).ShouldBe(["enc2"]);
    }
}
