using TrustSafety.FilteringIngest.ConnectingSources;

namespace TrustSafety.FilteringIngest.Tests.Sources;

/// <summary>
/// What the source decider tests give (<c>using static</c>): the moment they decide at, the formats on offer, a source
/// registered through ConnectSource's decision, a source owning syslog senders.
/// </summary>
internal static class SourceDecisionGivens
{
    public static readonly DateTimeOffset Now = new(2025, 2, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly string[] Formats = ["canonical-json", "fortigate-kv", "cef"];

    public static (Source?, Dictionary<string, string[]>) Register(RegisterSource command, string? callerSchool) =>
        ConnectSource.Decide(command, new AdminScope(callerSchool), Formats, Guid.NewGuid(), "enc", 100, Now, "it.admin");

    public static Source Owner(string name, DateTimeOffset at, params string[] senders) =>
        new() { Id = Guid.NewGuid(), Name = name, AllowedSenders = senders, RegisteredAt = at };
}
