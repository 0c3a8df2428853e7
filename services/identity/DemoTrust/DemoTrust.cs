namespace TrustSafety.Identity.DemoTrust;

public sealed record DemoSchool(string Slug, string Name, string Urn, int Pupils);

/// <summary>The demo multi-academy trust. Names and URNs match the reference data in contracts.</summary>
public static class DemoTrust
{
    public const string Name = "Three Rivers Learning Trust";

    public static readonly DemoSchool Blakehill = new("blakehill", "Blakehill Primary", "141001", 312);
    public static readonly DemoSchool Caldecote = new("caldecote", "Caldecote Primary", "141002", 248);
    public static readonly DemoSchool StowHeath = new("stowheath", "Stow Heath Primary", "141003", 405);
    public static readonly DemoSchool Westfield = new("westfield", "Westfield School", "141004", 1120);
    public static readonly DemoSchool Wodensfield = new("wodensfield", "Wodensfield Primary", "141005", 376);
    public static readonly DemoSchool Oakmere = new("oakmere", "Oakmere Academy", "141006", 890);

    public static IReadOnlyList<DemoSchool> Schools { get; } =
        [Blakehill, Caldecote, StowHeath, Westfield, Wodensfield, Oakmere];
}
