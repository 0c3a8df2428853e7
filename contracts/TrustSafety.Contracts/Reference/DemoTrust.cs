namespace TrustSafety.Contracts.Reference;

public sealed record School(string Urn, string Name, string Slug, int Pupils);

/// <summary>The demo trust that ./run.sh seeds. A real deployment configures its own schools.</summary>
public static class DemoTrust
{
    public const string Name = "Three Rivers Learning Trust";

    public static readonly IReadOnlyList<School> Schools =
    [
        new("141001", "Blakehill Primary", "blakehill", 312),
        new("141002", "Caldecote Primary", "caldecote", 248),
        new("141003", "Stow Heath Primary", "stowheath", 405),
        new("141004", "Westfield School", "westfield", 1120),
        new("141005", "Wodensfield Primary", "wodensfield", 376),
        new("141006", "Oakmere Academy", "oakmere", 890),
    ];
}
