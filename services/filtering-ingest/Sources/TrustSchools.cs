using TrustSafety.Contracts.Reference;

namespace TrustSafety.FilteringIngest.Sources;

/// <summary>
/// The trust's schools (DfE URNs), from <c>Trust:Schools:{i}:Urn</c> — the same section reporting reads (k8s: the
/// trust-config ConfigMap); the demo trust when none is configured. A source can only be registered for one of them.
/// </summary>
public sealed class TrustSchools(IConfiguration configuration)
{
    public IReadOnlySet<string> Urns { get; } = Read(configuration);

    private static HashSet<string> Read(IConfiguration configuration)
    {
        var configured = configuration.GetSection("Trust:Schools").GetChildren()
            .Select(s => s["Urn"]).Where(u => !string.IsNullOrWhiteSpace(u)).Select(u => u!.Trim()).ToHashSet(StringComparer.Ordinal);
        return configured.Count > 0 ? configured : DemoTrust.Schools.Select(s => s.Urn).ToHashSet(StringComparer.Ordinal);
    }
}
