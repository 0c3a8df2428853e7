using TrustSafety.Contracts.Reference;

namespace TrustSafety.Reporting.Trust;

/// <summary>The trust's schools (name, URN, pupil numbers); the demo trust unless <c>Trust:Schools</c> lists others.</summary>
public sealed class TrustOptions
{
    public const string Section = "Trust";
    public string Name { get; set; } = DemoTrust.Name;
    public List<School> Schools { get; set; } = [];

    public School? Find(string urn) => Schools.FirstOrDefault(s => s.Urn == urn);
}

public static class TrustSetup
{
    public static WebApplicationBuilder AddTrust(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TrustOptions>()
            .Configure<IConfiguration>((o, config) =>
            {
                var section = config.GetSection(TrustOptions.Section);
                o.Name = section["Name"] ?? DemoTrust.Name;
                var configured = section.GetSection("Schools").GetChildren()
                    .Select(s => new School(s["Urn"] ?? "", s["Name"] ?? "", s["Slug"] ?? "", int.TryParse(s["Pupils"], System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : 0))
                    .ToList();
                o.Schools = configured.Count > 0 ? configured : [.. DemoTrust.Schools];
            })
            .Validate(o => o.Schools.All(s => !string.IsNullOrWhiteSpace(s.Urn) && !string.IsNullOrWhiteSpace(s.Name) && s.Pupils > 0),
                "Every Trust:Schools entry needs Urn, Name and Pupils > 0")
            .Validate(o => o.Schools.Select(s => s.Urn).Distinct(StringComparer.Ordinal).Count() == o.Schools.Count, "Trust:Schools URNs must be unique")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<TrustOptions>>().Value);
        return builder;
    }
}
