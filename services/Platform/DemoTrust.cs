namespace TrustSafety.Platform;

/// <summary>One of the trust's academies: its DfE URN (the tenant id), name, short name for demo accounts, and pupil number.</summary>
public sealed record School(string Urn, string Name, string Slug, int Pupils);

/// <summary>The demo trust that ./run.sh seeds, and every service's school list when <c>Trust:Schools</c> is not configured.</summary>
public static class DemoTrust
{
    public const string Name = "Three Rivers Learning Trust";

    public static readonly School Blakehill = new("141001", "Blakehill Primary", "blakehill", 312);
    public static readonly School Caldecote = new("141002", "Caldecote Primary", "caldecote", 248);
    public static readonly School StowHeath = new("141003", "Stow Heath Primary", "stowheath", 405);
    public static readonly School Westfield = new("141004", "Westfield School", "westfield", 1120);
    public static readonly School Wodensfield = new("141005", "Wodensfield Primary", "wodensfield", 376);
    public static readonly School Oakmere = new("141006", "Oakmere Academy", "oakmere", 890);

    public static readonly IReadOnlyList<School> Schools = [Blakehill, Caldecote, StowHeath, Westfield, Wodensfield, Oakmere];
}
