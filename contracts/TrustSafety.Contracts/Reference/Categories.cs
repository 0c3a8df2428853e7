namespace TrustSafety.Contracts.Reference;

/// <summary>Versioned reference lists shared by every service (kebab-case codes are what travels on the wire).</summary>
public static class IncidentCategories
{
    public const string Version = "2025.1";

    public static readonly IReadOnlyList<string> All =
    [
        "cyberbullying", "nudes-semi-nudes", "online-sexual-harassment", "grooming-exploitation",
        "indecent-images-of-children", "online-hate", "radicalisation-extremism", "filtering-breach",
        "data-breach", "staff-misuse", "other",
    ];

    /// <summary>UKCIS: no imagery is ever stored for these.</summary>
    public static readonly IReadOnlySet<string> ImageryNeverStored =
        new HashSet<string> { "nudes-semi-nudes", "indecent-images-of-children" };
}

public static class FourC
{
    public static readonly IReadOnlyList<string> All = ["content", "contact", "conduct", "commerce"];
}
