using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TrustSafety.Platform;

/// <summary>
/// The trust and its schools, read once from <c>Trust:Name</c> and <c>Trust:Schools:{i}:Urn</c> / <c>Name</c> / <c>Slug</c> /
/// <c>Pupils</c> (k8s: the trust-config ConfigMap), or the demo trust when no school is configured. Every service that
/// names or checks a school reads this one list: reporting's rollups and packs, incident's cross-school case links,
/// filtering-ingest's source registration, notifications' emails.
/// </summary>
public sealed class TrustSchools
{
    public const string Section = "Trust";

    public string Name { get; set; } = DemoTrust.Name;
    public List<School> Schools { get; set; } = [];

    /// <summary>The demo trust, as every service sees it with nothing configured.</summary>
    public static TrustSchools Demo => new() { Schools = [.. DemoTrust.Schools] };

    public School? Find(string urn) => Schools.FirstOrDefault(s => string.Equals(s.Urn, urn, StringComparison.Ordinal));

    public bool Contains(string urn) => Find(urn) is not null;

    /// <summary>The school's name, or "school {urn}" for a URN the trust does not list.</summary>
    public string NameOf(string urn) => Find(urn)?.Name ?? $"school {urn}";

    /// <summary>URN → name, for code that only needs the names.</summary>
    public IReadOnlyDictionary<string, string> Names => Schools.ToDictionary(s => s.Urn, s => s.Name, StringComparer.Ordinal);

    /// <summary>Reads the section; the demo trust's schools when it lists none.</summary>
    public static TrustSchools From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var configured = section.GetSection("Schools").GetChildren()
            .Select(s => new School(s["Urn"]?.Trim() ?? "", s["Name"]?.Trim() ?? "", s["Slug"]?.Trim() ?? "",
                int.TryParse(s["Pupils"], CultureInfo.InvariantCulture, out var pupils) ? pupils : 0))
            .ToList();
        return new TrustSchools { Name = section["Name"] ?? DemoTrust.Name, Schools = configured.Count > 0 ? configured : [.. DemoTrust.Schools] };
    }

    internal const string MissingFields = "Every Trust:Schools entry needs Urn, Name and Pupils > 0";
    internal const string DuplicateUrns = "Trust:Schools URNs must be unique";

    internal static bool Complete(School s) => !string.IsNullOrWhiteSpace(s.Urn) && !string.IsNullOrWhiteSpace(s.Name) && s.Pupils > 0;
}

public static class TrustSchoolsSetup
{
    /// <summary>
    /// <see cref="TrustSchools"/> as a singleton, read from configuration and checked when the host starts: a list with a
    /// school missing its URN, name or pupil number, or a URN twice, stops the service with the reason.
    /// </summary>
    public static IServiceCollection AddTrustSchools(this IServiceCollection services)
    {
        services.AddOptions<TrustSchools>()
            .Configure<IConfiguration>((o, configuration) =>
            {
                var read = TrustSchools.From(configuration);
                o.Name = read.Name;
                o.Schools = read.Schools;
            })
            .Validate(o => o.Schools.All(TrustSchools.Complete), TrustSchools.MissingFields)
            .Validate(o => o.Schools.Select(s => s.Urn).Distinct(StringComparer.Ordinal).Count() == o.Schools.Count, TrustSchools.DuplicateUrns)
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<TrustSchools>>().Value);
        return services;
    }
}
