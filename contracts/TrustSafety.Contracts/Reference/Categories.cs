namespace TrustSafety.Contracts.Reference;

/// <summary>A category code (kebab-case, what travels on the wire) and the words people see for it.</summary>
public sealed record IncidentCategory(string Code, string Label);

/// <summary>
/// Incident categories as a versioned list shared by every service; the dashboard reads it from the incident service
/// (<c>GET /api/incident/reference/categories</c>). A version only ever adds codes, so an incident keeps the version it
/// was triaged under (stored with its triage) and its code stays valid under every later version.
/// </summary>
public static class IncidentCategories
{
    public const string Version = "2026.1";

    /// <summary>Every version, oldest first; the last is <see cref="Version"/>.</summary>
    public static readonly IReadOnlyList<(string Version, IReadOnlyList<IncidentCategory> Categories)> Versions =
    [
        ("2025.1",
        [
            new("cyberbullying", "Cyberbullying"),
            new("nudes-semi-nudes", "Nudes and semi-nudes"),
            new("online-sexual-harassment", "Online sexual harassment"),
            new("grooming-exploitation", "Grooming or exploitation"),
            new("indecent-images-of-children", "Indecent images of children"),
            new("online-hate", "Online hate"),
            new("radicalisation-extremism", "Radicalisation or extremism"),
            new("filtering-breach", "Filtering breach"),
            new("data-breach", "Data breach"),
            new("staff-misuse", "Staff misuse of technology"),
            new("other", "Other"),
        ]),
        ("2026.1",
        [
            new("cyberbullying", "Cyberbullying"),
            new("nudes-semi-nudes", "Nudes and semi-nudes"),
            new("online-sexual-harassment", "Online sexual harassment"),
            new("grooming-exploitation", "Grooming or exploitation"),
            new("indecent-images-of-children", "Indecent images of children"),
            new("online-hate", "Online hate"),
            new("radicalisation-extremism", "Radicalisation or extremism"),
            new("self-harm-suicide-eating-disorder", "Self-harm, suicide or eating-disorder content"),
            new("mental-health-concern", "Mental-health concern"),
            new("inappropriate-content", "Inappropriate content (pornography, violence), not a filter breach"),
            new("contact-with-strangers", "Contact with strangers"),
            new("sharing-personal-information", "Sharing personal information"),
            new("excessive-use-unsuitable-games", "Excessive use or unsuitable games"),
            new("fraud-phishing", "Fraud or phishing"),
            new("copyright-plagiarism", "Copyright or plagiarism"),
            new("filtering-breach", "Filtering breach"),
            new("data-breach", "Data breach"),
            new("staff-misuse", "Staff misuse of technology"),
            new("other", "Other"),
        ]),
    ];

    public static IReadOnlyList<IncidentCategory> Current => Versions[^1].Categories;

    /// <summary>The codes of the current version.</summary>
    public static readonly IReadOnlyList<string> All = Versions[^1].Categories.Select(c => c.Code).ToList();

    /// <summary>The codes of one version, or null for a version that never existed.</summary>
    public static IReadOnlyList<string>? CodesOf(string version) =>
        Versions.Where(v => v.Version == version).Select(v => v.Categories.Select(c => c.Code).ToList()).FirstOrDefault();

    /// <summary>The words for a code of any version (codes are never reused), else the code itself.</summary>
    public static string LabelOf(string code) =>
        Versions.SelectMany(v => v.Categories).LastOrDefault(c => c.Code == code)?.Label ?? code;

    /// <summary>UKCIS: no imagery is ever stored for these.</summary>
    public static readonly IReadOnlySet<string> ImageryNeverStored =
        new HashSet<string>(StringComparer.Ordinal) { "nudes-semi-nudes", "indecent-images-of-children" };
}

/// <summary>
/// The crosswalk from a filter alert's category (filtering-ingest's UKSIC code) to the incident category it suggests.
/// A suggestion only: the DSL triages. Codes with no entry (drugs, gambling, malware-hacking, other) suggest nothing.
/// Versioned with <see cref="IncidentCategories.Version"/>.
/// </summary>
public static class FilterCategoryCrosswalk
{
    public static readonly IReadOnlyDictionary<string, string> ByFilterCategory = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["illegal-iwf"] = "indecent-images-of-children",
        ["illegal-ctiru"] = "radicalisation-extremism",
        ["self-harm"] = "self-harm-suicide-eating-disorder",
        ["extremism"] = "radicalisation-extremism",
        ["violence"] = "inappropriate-content",
        ["pornography"] = "inappropriate-content",
        ["discrimination"] = "online-hate",
        ["piracy"] = "copyright-plagiarism",
    };

    /// <summary>The suggested incident category for a filter category, or null when the DSL should decide.</summary>
    public static string? Suggest(string filterCategory)
    {
        var code = filterCategory.Trim();
        if (ByFilterCategory.TryGetValue(code, out var category)) return category;
        // Vendor words that reached us unmapped: only the illegal lists and self-harm are matched with confidence.
        var words = code.ToLowerInvariant();
        if (words.Contains("iwf") || words.Contains("caic") || words.Contains("child-abuse")) return "indecent-images-of-children";
        if (words.Contains("ctiru") || words.Contains("extremism") || words.Contains("terror")) return "radicalisation-extremism";
        if (words.Contains("self-harm") || words.Contains("suicide") || words.Contains("eating-disorder")) return "self-harm-suicide-eating-disorder";
        return null;
    }
}

public static class FourC
{
    public static readonly IReadOnlyList<string> All = ["content", "contact", "conduct", "commerce"];
}
