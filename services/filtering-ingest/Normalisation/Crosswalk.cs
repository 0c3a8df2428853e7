using System.Text;
using TrustSafety.Contracts.Reference;
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

    /// <summary>Stamped on every event; bump when a seed crosswalk file changes a mapping.</summary>
    public const string Version = "2026.3";

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
        // A dotted sub-category (Lightspeed's adult.porn.x) falls back to its parent when it is not listed itself.
        for (var label = category.Label?.Trim(); !string.IsNullOrEmpty(label); label = Parent(label))
            if (_byKey.TryGetValue($"{vendor}|label|{Key(label)}", out var byLabel)) return byLabel;
        return null;
    }

    private static string? Parent(string label)
    {
        var dot = label.LastIndexOf('.');
        return dot > 0 ? label[..dot] : null;
    }

    /// <summary>Labels compared without case, spaces, punctuation or accents ("Nudity and Risqué" = "nudity and risque").</summary>
    private static string Key(string label)
    {
        // The services run with invariant globalisation, where string.Normalize cannot decompose; vendors' labels only
        // carry Latin-1 accents.
        var folded = new StringBuilder(label.Length);
        foreach (var c in label)
        {
            var i = Accented.IndexOf(char.ToLowerInvariant(c));
            folded.Append(i >= 0 ? Plain[i] : c);
        }
        return Adapters.CsvTable.Normalise(folded.ToString());
    }

    private const string Accented = "àáâãäåèéêëìíîïòóôõöùúûüçñý";
    private const string Plain = "aaaaaaeeeeiiiiooooouuuucny";
}

/// <summary>
/// The seed crosswalk: one data file per vendor (Normalisation/Crosswalks/{vendor}.csv, embedded) mapping each of the
/// vendor's published categories — by id, by name, or both — to a UKSIC category and 4C. Tests hold each vendor's
/// published list and fail on any entry these files do not map.
/// </summary>
public static class SeedCrosswalk
{
    public const string AnyVendor = "*";
    private const string AnyVendorFile = "any-vendor";
    private const string ResourcePrefix = "crosswalks/";

    public static IReadOnlyDictionary<string, IReadOnlyList<CrosswalkEntry>> Entries { get; } = Load();

    public static Crosswalk Build(IReadOnlyDictionary<string, IReadOnlyList<CrosswalkEntry>>? extensions = null, int extensionVersion = 0)
    {
        if (extensions is null || extensions.Count == 0) return new Crosswalk(Uksic.Version, Entries);
        var merged = Entries.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<CrosswalkEntry>)kv.Value.ToList(), StringComparer.OrdinalIgnoreCase);
        foreach (var (vendor, entries) in extensions)
            merged[vendor] = (merged.GetValueOrDefault(vendor) ?? []).Concat(entries).ToList();
        return new Crosswalk($"{Uksic.Version}+ext.{extensionVersion}", merged);
    }

    private static Dictionary<string, IReadOnlyList<CrosswalkEntry>> Load()
    {
        var assembly = typeof(SeedCrosswalk).Assembly;
        var result = new Dictionary<string, IReadOnlyList<CrosswalkEntry>>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            var file = Path.GetFileNameWithoutExtension(name[ResourcePrefix.Length..]);
            result[file == AnyVendorFile ? AnyVendor : file] = Parse(file, reader.ReadToEnd());
        }
        return result;
    }

    /// <summary>Reads one crosswalk file (category_id,label,uksic,four_c; '#' lines are comments); a bad row stops start-up.</summary>
    internal static IReadOnlyList<CrosswalkEntry> Parse(string file, string text)
    {
        var body = string.Join('\n', text.Split('\n').Where(l => !l.TrimStart().StartsWith('#')));
        if (!Adapters.CsvTable.TryRead(body, hasHeader: true, out var table, out var error))
            throw new InvalidOperationException($"Crosswalk {file}: {error}");
        var (id, label, uksic, fourC) = (table.Column("category_id"), table.Column("label"), table.Column("uksic"), table.Column("four_c"));
        if (id is null || label is null || uksic is null || fourC is null)
            throw new InvalidOperationException($"Crosswalk {file}: the header must be category_id,label,uksic,four_c.");
        var entries = new List<CrosswalkEntry>(table.Rows.Count);
        foreach (var (line, cells, _) in table.Rows)
        {
            var entry = new CrosswalkEntry(Adapters.CsvTable.Cell(cells, id), Adapters.CsvTable.Cell(cells, label),
                Adapters.CsvTable.Cell(cells, uksic) ?? "", Adapters.CsvTable.Cell(cells, fourC) ?? "");
            if ((entry.CategoryId is null && entry.Label is null) || !Normalisation.Uksic.BySeriousness.Contains(entry.Uksic, StringComparer.Ordinal) || !FourC.All.Contains(entry.FourC, StringComparer.Ordinal))
                throw new InvalidOperationException($"Crosswalk {file}, line {line}: needs a category_id or label, a UKSIC code and a 4C.");
            entries.Add(entry);
        }
        return entries;
    }
}
