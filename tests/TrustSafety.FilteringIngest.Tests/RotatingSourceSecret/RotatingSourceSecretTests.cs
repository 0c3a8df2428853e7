using TrustSafety.FilteringIngest.ConnectingSources;
using TrustSafety.FilteringIngest.RotatingSourceSecret;

namespace TrustSafety.FilteringIngest.Tests.RotatingSourceSecret;

public sealed class RotatingSourceSecretTests
{
    private static readonly DateTimeOffset Now = new(2025, 2, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Formats = ["canonical-json", "fortigate-kv", "cef"];

    private static (Source?, Dictionary<string, string[]>) Register(RegisterSource command, string? callerSchool) =>
        ConnectSource.Decide(command, new AdminScope(callerSchool), Formats, Guid.NewGuid(), "enc", 100, Now, "it.admin");

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
