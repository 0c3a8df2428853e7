using TrustSafety.FilteringIngest.ConnectingSources;
using TrustSafety.FilteringIngest.RevokingSources;

namespace TrustSafety.FilteringIngest.Tests.RevokingSources;

public sealed class RevokingSourcesTests
{
    private static readonly DateTimeOffset Now = new(2025, 2, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Formats = ["canonical-json", "fortigate-kv", "cef"];

    private static (Source?, Dictionary<string, string[]>) Register(RegisterSource command, string? callerSchool) =>
        ConnectSource.Decide(command, new AdminScope(callerSchool), Formats, Guid.NewGuid(), "enc", 100, Now, "it.admin");

    [Fact]
    public void a_revoked_source_has_no_valid_secret()
    {
        var source = Register(new("a", "cef", null, null, null, null, null), null).Item1!;
        RevokeSource.Decide(source, Now, "x");
        source.ValidSecrets(Now).ShouldBeEmpty();
    }
}
