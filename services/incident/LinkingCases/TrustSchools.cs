using TrustSafety.Contracts.Reference;

namespace TrustSafety.Incident.LinkingCases;

/// <summary>
/// The trust's schools from <c>Trust:Schools:{i}:Urn</c> / <c>Name</c> — the section reporting and filtering-ingest read (k8s:
/// the trust-config ConfigMap); the demo trust when none is configured. A case can only be linked with one of them.
/// </summary>
public static class TrustSchools
{
    public static IReadOnlyDictionary<string, string> From(IConfiguration configuration)
    {
        var configured = configuration.GetSection("Trust:Schools").GetChildren()
            .Where(s => !string.IsNullOrWhiteSpace(s["Urn"]))
            .ToDictionary(s => s["Urn"]!.Trim(), s => s["Name"]?.Trim() is { Length: > 0 } name ? name : $"school {s["Urn"]!.Trim()}", StringComparer.Ordinal);
        return configured.Count > 0 ? configured : DemoTrust.Schools.ToDictionary(s => s.Urn, s => s.Name, StringComparer.Ordinal);
    }
}
