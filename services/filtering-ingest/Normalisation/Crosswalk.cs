using TrustSafety.FilteringIngest.Canonical;

namespace TrustSafety.FilteringIngest.Normalisation;

/// <summary>UKSIC "appropriate filtering" categories (kebab-case on the wire), most serious first.</summary>
public static class Uksic
{
    public const string Iwf = "illegal-iwf";
    public const string Ctiru = "illegal-ctiru";
    public const string SelfHarm = "self-harm";
    public const string Extremism = "extremism";
    public const string Violence = "violence";
    public const string Pornography = "pornography";
    public const string Drugs = "drugs";
    public const string Discrimination = "discrimination";
    public const string Gambling = "gambling";
    public const string MalwareHacking = "malware-hacking";
    public const string Piracy = "piracy";
    public const string Other = "other";

    public const string Version = "2025.1";

    public static readonly IReadOnlyList<string> BySeriousness =
        [Iwf, Ctiru, SelfHarm, Extremism, Violence, Pornography, Drugs, Discrimination, Gambling, MalwareHacking, Piracy, Other];

    public static bool IsIllegal(string code) => code is Iwf or Ctiru;

    public static int Rank(string code)
    {
        for (var i = 0; i < BySeriousness.Count; i++)
            if (BySeriousness[i] == code) return i;
        return int.MaxValue;
    }
}

public sealed record CrosswalkEntry(string? CategoryId, string? Label, string Uksic, string FourC);

/// <summary>One version of the category crosswalk: seed reference data plus each vendor's admin extensions.</summary>
public sealed class Crosswalk
{
    private readonly Dictionary<string, (string Uksic, string FourC)> _byKey;

    public Crosswalk(string version, IReadOnlyDictionary<string, IReadOnlyList<CrosswalkEntry>> entriesByVendor)
    {
        Version = version;
        EntriesByVendor = entriesByVendor;
        _byKey = new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (vendor, entries) in entriesByVendor)
        {
            foreach (var e in entries)
            {
                if (e.CategoryId is not null) _byKey[$"{vendor}|id|{e.CategoryId.Trim()}"] = (e.Uksic, e.FourC);
                if (e.Label is not null) _byKey[$"{vendor}|label|{Key(e.Label)}"] = (e.Uksic, e.FourC);
            }
        }
    }

    public string Version { get; }
    public IReadOnlyDictionary<string, IReadOnlyList<CrosswalkEntry>> EntriesByVendor { get; }

    /// <summary>The most serious UKSIC category any of the vendor's categories maps to; unknown ones become Other.</summary>
    public (string Uksic, string FourC, VendorCategory? Matched, bool Unknown) Classify(string vendor, IReadOnlyList<VendorCategory> categories)
    {
        (string Uksic, string FourC, VendorCategory? Matched)? best = null;
        foreach (var category in categories)
        {
            var hit = Find(vendor, category) ?? Find(SeedCrosswalk.AnyVendor, category);
            if (hit is { } h && (best is null || Normalisation.Uksic.Rank(h.Uksic) < Normalisation.Uksic.Rank(best.Value.Uksic)))
                best = (h.Uksic, h.FourC, category);
        }
        return best is { } b
            ? (b.Uksic, b.FourC, b.Matched, false)
            : (Normalisation.Uksic.Other, "content", categories.Count > 0 ? categories[0] : null, categories.Count > 0);
    }

    private (string Uksic, string FourC)? Find(string vendor, VendorCategory category)
    {
        if (category.Id is not null && _byKey.TryGetValue($"{vendor}|id|{category.Id.Trim()}", out var byId)) return byId;
        if (category.Label is not null && _byKey.TryGetValue($"{vendor}|label|{Key(category.Label)}", out var byLabel)) return byLabel;
        return null;
    }

    private static string Key(string label) => Adapters.CsvTable.Normalise(label);
}

/// <summary>The seed crosswalk from the reference table (UKSIC ↔ FortiGuard ↔ Smoothwall ↔ 4C), plus common vendor labels.</summary>
public static class SeedCrosswalk
{
    public const string AnyVendor = "*";

    public static IReadOnlyDictionary<string, IReadOnlyList<CrosswalkEntry>> Entries { get; } = new Dictionary<string, IReadOnlyList<CrosswalkEntry>>
    {
        ["fortinet"] =
        [
            new("83", "Child Abuse", Uksic.Iwf, "content"), new(null, "Child Sexual Abuse", Uksic.Iwf, "content"),
            new("12", "Extremist Groups", Uksic.Ctiru, "content"), new(null, "Terrorism", Uksic.Ctiru, "content"),
            new("5", "Discrimination", Uksic.Discrimination, "content"),
            new("1", "Drug Abuse", Uksic.Drugs, "content"), new("57", "Marijuana", Uksic.Drugs, "content"),
            new("11", "Gambling", Uksic.Gambling, "commerce"),
            new("3", "Hacking", Uksic.MalwareHacking, "content"), new("26", "Malicious Websites", Uksic.MalwareHacking, "content"),
            new("59", "Proxy Avoidance", Uksic.MalwareHacking, "content"), new("61", "Phishing", Uksic.MalwareHacking, "commerce"),
            new("14", "Pornography", Uksic.Pornography, "content"), new("13", "Nudity and Risque", Uksic.Pornography, "content"),
            new("72", "Peer-to-peer File Sharing", Uksic.Piracy, "content"),
            new("6", "Explicit Violence", Uksic.Violence, "content"), new("16", "Weapons (Sales)", Uksic.Violence, "content"),
        ],
        ["smoothwall"] =
        [
            new(null, "Abuse", Uksic.Iwf, "contact"), new(null, "Child Abuse", Uksic.Iwf, "contact"),
            new(null, "Radicalisation", Uksic.Extremism, "content"),
            new(null, "Bullying", Uksic.Discrimination, "conduct"), new(null, "Intolerance", Uksic.Discrimination, "content"),
            new(null, "Substance Abuse", Uksic.Drugs, "content"),
            new(null, "Adult Content", Uksic.Pornography, "content"), new(null, "Pornography", Uksic.Pornography, "content"),
            new(null, "Suicide", Uksic.SelfHarm, "conduct"), new(null, "Self Harm", Uksic.SelfHarm, "conduct"),
            new(null, "Criminal Activity", Uksic.Violence, "content"), new(null, "Personal Weapons", Uksic.Violence, "content"),
        ],
        ["lightspeed"] =
        [
            new(null, "Self-harm", Uksic.SelfHarm, "conduct"), new(null, "Violence", Uksic.Violence, "content"),
            new(null, "Bullying", Uksic.Discrimination, "conduct"), new(null, "Explicit", Uksic.Pornography, "content"),
            new(null, "adult.porn", Uksic.Pornography, "content"), new(null, "drugs", Uksic.Drugs, "content"),
            new(null, "gambling", Uksic.Gambling, "commerce"), new(null, "security.proxy", Uksic.MalwareHacking, "content"),
        ],
        ["cisco-umbrella"] =
        [
            new(null, "Child Abuse Content", Uksic.Iwf, "content"), new(null, "Terrorism", Uksic.Ctiru, "content"),
            new(null, "Hate/Discrimination", Uksic.Discrimination, "content"), new(null, "Drugs", Uksic.Drugs, "content"),
            new(null, "Gambling", Uksic.Gambling, "commerce"), new(null, "Malware", Uksic.MalwareHacking, "content"),
            new(null, "Phishing", Uksic.MalwareHacking, "commerce"), new(null, "Proxy/Anonymizer", Uksic.MalwareHacking, "content"),
            new(null, "Pornography", Uksic.Pornography, "content"), new(null, "Nudity", Uksic.Pornography, "content"),
            new(null, "P2P/File sharing", Uksic.Piracy, "content"), new(null, "Weapons", Uksic.Violence, "content"),
            new(null, "Violence", Uksic.Violence, "content"),
        ],
        ["microsoft"] =
        [
            new("Malware", null, Uksic.MalwareHacking, "content"), new("InitialAccess", null, Uksic.MalwareHacking, "commerce"),
            new("CredentialAccess", null, Uksic.MalwareHacking, "commerce"),
        ],
        ["google-workspace"] =
        [
            new(null, "User reported phishing", Uksic.MalwareHacking, "commerce"), new(null, "Suspicious login", Uksic.MalwareHacking, "conduct"),
            new(null, "Government attack warning", Uksic.MalwareHacking, "contact"),
        ],
        [AnyVendor] =
        [
            new(null, Uksic.Iwf, Uksic.Iwf, "content"), new(null, Uksic.Ctiru, Uksic.Ctiru, "content"),
            new(null, Uksic.SelfHarm, Uksic.SelfHarm, "conduct"), new(null, Uksic.Extremism, Uksic.Extremism, "content"),
            new(null, Uksic.Violence, Uksic.Violence, "content"), new(null, Uksic.Pornography, Uksic.Pornography, "content"),
            new(null, Uksic.Drugs, Uksic.Drugs, "content"), new(null, Uksic.Discrimination, Uksic.Discrimination, "content"),
            new(null, Uksic.Gambling, Uksic.Gambling, "commerce"), new(null, Uksic.MalwareHacking, Uksic.MalwareHacking, "content"),
            new(null, Uksic.Piracy, Uksic.Piracy, "content"),
            new(null, "Child Abuse", Uksic.Iwf, "content"), new(null, "Terrorism", Uksic.Ctiru, "content"),
            new(null, "Extremism", Uksic.Extremism, "content"), new(null, "Radicalisation", Uksic.Extremism, "content"),
            new(null, "Suicide", Uksic.SelfHarm, "conduct"), new(null, "Self harm", Uksic.SelfHarm, "conduct"),
            new(null, "Pornography", Uksic.Pornography, "content"), new(null, "Adult", Uksic.Pornography, "content"),
            new(null, "Gambling", Uksic.Gambling, "commerce"), new(null, "Drugs", Uksic.Drugs, "content"),
            new(null, "Weapons", Uksic.Violence, "content"), new(null, "Violence", Uksic.Violence, "content"),
            new(null, "Hate", Uksic.Discrimination, "content"), new(null, "Malware", Uksic.MalwareHacking, "content"),
            new(null, "Phishing", Uksic.MalwareHacking, "commerce"), new(null, "Hacking", Uksic.MalwareHacking, "content"),
            new(null, "Piracy", Uksic.Piracy, "content"),
        ],
    };

    public static Crosswalk Build(IReadOnlyDictionary<string, IReadOnlyList<CrosswalkEntry>>? extensions = null, int extensionVersion = 0)
    {
        if (extensions is null || extensions.Count == 0) return new Crosswalk(Uksic.Version, Entries);
        var merged = Entries.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<CrosswalkEntry>)kv.Value.ToList(), StringComparer.OrdinalIgnoreCase);
        foreach (var (vendor, entries) in extensions)
            merged[vendor] = (merged.GetValueOrDefault(vendor) ?? []).Concat(entries).ToList();
        return new Crosswalk($"{Uksic.Version}+ext.{extensionVersion}", merged);
    }
}
