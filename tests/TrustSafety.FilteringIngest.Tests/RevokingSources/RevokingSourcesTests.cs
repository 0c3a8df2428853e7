using TrustSafety.FilteringIngest.RevokingSources;
using static TrustSafety.FilteringIngest.Tests.Sources.SourceDecisionGivens;

namespace TrustSafety.FilteringIngest.Tests.RevokingSources;

public sealed class RevokingSourcesTests
{
    [Fact]
    public void a_revoked_source_has_no_valid_secret()
    {
        var source = Register(new("a", "cef", null, null, null, null, null), null).Item1!;
        RevokeSource.Decide(source, Now, "x");
        source.ValidSecrets(Now).ShouldBeEmpty();
    }
}
