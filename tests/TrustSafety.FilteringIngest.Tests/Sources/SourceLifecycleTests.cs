using TrustSafety.FilteringIngest.PausingSources;
using TrustSafety.FilteringIngest.RevokingSources;
using TrustSafety.FilteringIngest.RotatingSourceSecret;
using static TrustSafety.FilteringIngest.Tests.Sources.SourceDecisionGivens;

namespace TrustSafety.FilteringIngest.Tests.Sources;

public sealed class SourceLifecycleTests
{
    public static TheoryData<string, string, string, bool> Transitions() => new()
    {
        { "pause active", SourceStates.Active, "pause", true },
        { "pause paused", SourceStates.Paused, "pause", false },
        { "resume paused", SourceStates.Paused, "resume", true },
        { "resume active", SourceStates.Active, "resume", false },
        { "revoke active", SourceStates.Active, "revoke", true },
        { "revoke paused", SourceStates.Paused, "revoke", true },
        { "revoke revoked", SourceStates.Revoked, "revoke", false },
        { "resume revoked", SourceStates.Revoked, "resume", false },
        { "rotate revoked", SourceStates.Revoked, "rotate", false },
    };

    [Theory]
    [MemberData(nameof(Transitions))]
    public void state_changes(string name, string from, string action, bool allowed)
    {
        var source = Register(new("a", "cef", null, null, null, null, null), null).Item1!;
        source.State = from;
        var problem = action switch
        {
            "pause" => PauseSource.Decide(source, Now, "x"),
            "resume" => ResumeSource.Decide(source, Now, "x"),
            "revoke" => RevokeSource.Decide(source, Now, "x"),
            _ => RotateSourceSecret.Decide(source, "e", TimeSpan.Zero, Now, "x"),
        };
        (problem is null).ShouldBe(allowed, name);
    }
}
