using System.Text.Json;
using System.Text.RegularExpressions;

namespace TrustSafety.Kubernetes.Tests;

/// <summary>A configuration key in <c>Section:Key</c> form; a list key is provided as <c>Section__Key__0</c>.</summary>
public sealed record ConfigurationKey(string Name, bool IsList, string Source)
{
    public override string ToString() => $"{Name} ({Source})";
}

/// <summary>
/// The configuration keys a piece reads, found in its source tree when the test runs (so a new key breaks the
/// test until the production overlay provides it): options classes (<c>const string Section = "X"</c> plus
/// settable properties), <c>GetConnectionString("X")</c> and <c>Configuration["X"]</c> literals, appsettings.json
/// values that only make sense on a developer machine, and the ServiceDefaults features the piece calls.
/// </summary>
public static partial class ConfigurationKeys
{
    private static readonly string[] MachineLocal = ["127.0.0.1", "localhost", ".run/", "Password=", "guest"];

    /// <summary>
    /// The shared libraries' features: the library (a folder under services/), its folder holding the feature ("" for the
    /// rest of the library) and the extension call that brings their configuration into a piece.
    /// </summary>
    private static readonly (string Library, string Folder, string Call)[] DefaultsFeatures =
    [
        ("EventSourcing", "EventStore", "AddEventStore("),
        ("EventSourcing", "Messaging", "AddMessaging("),
        ("ServiceDefaults", "", "AddServiceDefaults("),
    ];

    /// <summary>The trust's school list (services/Platform), read by the pieces that call <c>AddTrustSchools(</c>.</summary>
    private static readonly (string Library, string Folder, string Call) TrustSchoolsFeature = ("Platform", "", "AddTrustSchools(");

    public static IReadOnlyList<ConfigurationKey> ReadBy(Piece piece)
    {
        var keys = new List<ConfigurationKey>();
        var sources = SourceFiles(piece.SourceDirectory).ToList();
        keys.AddRange(sources.SelectMany(f => FromCode(f, piece.Name)));
        var appsettings = Path.Combine(piece.SourceDirectory, "appsettings.json");
        if (File.Exists(appsettings)) keys.AddRange(MachineLocalSettings(appsettings));

        var code = string.Join("\n", sources.Select(File.ReadAllText));
        if (code.Contains("AddPlatformTelemetry(")) keys.AddRange(TelemetryFiles().SelectMany(f => FromCode(f, "Telemetry")));
        foreach (var feature in DefaultsFeatures.Append(TrustSchoolsFeature).Where(f => code.Contains(f.Call)))
            keys.AddRange(DefaultsFiles(feature).SelectMany(f => FromCode(f, $"{feature.Library}/{(feature.Folder == "" ? "root" : feature.Folder)}")));
        if (DefaultsFeatures.All(f => code.Contains(f.Call)))
            keys.AddRange(Layout.ConfigurationKeys.Select(k => new ConfigurationKey(k, false, "docs/layout.md")));

        return keys.GroupBy(k => k.Name, StringComparer.OrdinalIgnoreCase).Select(g => g.First()).OrderBy(k => k.Name).ToList();
    }

    /// <summary>Everything the shared hosting and event-sourcing libraries read, whichever feature.</summary>
    public static IReadOnlyList<ConfigurationKey> ReadByServiceDefaults() =>
        DefaultsFeatures.SelectMany(DefaultsFiles).SelectMany(f => FromCode(f, "ServiceDefaults")).ToList();

    private static IEnumerable<string> DefaultsFiles((string Library, string Folder, string Call) feature)
    {
        var root = Repository.PathOf("services", feature.Library);
        if (feature.Folder != "") return SourceFiles(Path.Combine(root, feature.Folder));
        // A library's own features' folders are not part of its root feature; AddServiceDefaults brings the shared
        // telemetry library (services/Telemetry) with it.
        var rest = SourceFiles(root).Where(f => DefaultsFeatures.Where(x => x.Library == feature.Library && x.Folder != "")
            .All(x => !f.StartsWith(Path.Combine(root, x.Folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal)));
        return feature.Library == "ServiceDefaults" ? rest.Concat(TelemetryFiles()) : rest;
    }

    private static IEnumerable<string> TelemetryFiles() => SourceFiles(Repository.PathOf("services", "Telemetry"));

    private static IEnumerable<string> SourceFiles(string directory) =>
        !Directory.Exists(directory) ? [] : Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));

    private static IEnumerable<ConfigurationKey> FromCode(string file, string source)
    {
        var text = File.ReadAllText(file);
        foreach (Match m in ConnectionString().Matches(text)) yield return new($"ConnectionStrings:{m.Groups[1].Value}", false, source);
        foreach (Match m in IndexerLiteral().Matches(text)) yield return new(m.Groups[1].Value, false, source);

        var declarations = ClassDeclaration().Matches(text).Select(m => m.Index).Append(text.Length).ToList();
        for (var i = 0; i < declarations.Count - 1; i++)
        {
            var body = text[declarations[i]..declarations[i + 1]];
            var section = SectionConstant().Match(body);
            if (!section.Success) continue;
            foreach (Match property in SettableProperty().Matches(body))
            {
                var type = property.Groups["type"].Value;
                var isList = type.EndsWith("[]") || Regex.IsMatch(type, @"^(I?List|IReadOnlyList|IEnumerable|ICollection|HashSet)<");
                yield return new($"{section.Groups[1].Value}:{property.Groups["name"].Value}", isList, source);
            }
        }
    }

    private static IEnumerable<ConfigurationKey> MachineLocalSettings(string appsettings)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(appsettings),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return Flatten(document.RootElement, "")
            .Where(kv => MachineLocal.Any(kv.Value.Contains))
            .Select(kv => ListIndex().Match(kv.Key) is { Success: true } m
                ? new ConfigurationKey(m.Groups[1].Value, true, "appsettings.json")
                : new ConfigurationKey(kv.Key, false, "appsettings.json"))
            .ToList();
    }

    private static IEnumerable<KeyValuePair<string, string>> Flatten(JsonElement element, string prefix)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                    foreach (var kv in Flatten(p.Value, prefix == "" ? p.Name : $"{prefix}:{p.Name}")) yield return kv;
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                    foreach (var kv in Flatten(item, $"{prefix}:{i++}")) yield return kv;
                break;
            default:
                yield return new(prefix, element.ToString());
                break;
        }
    }

    [GeneratedRegex(@"GetConnectionString\(\s*""([^""]+)""\s*\)")]
    private static partial Regex ConnectionString();

    [GeneratedRegex(@"Configuration\s*\[\s*""([^""{}]+)""\s*\]")]
    private static partial Regex IndexerLiteral();

    [GeneratedRegex(@"\b(?:class|record|struct)\s+\w+")]
    private static partial Regex ClassDeclaration();

    [GeneratedRegex(@"const\s+string\s+(?:Section|SectionName)\s*=\s*""([^""]+)""")]
    private static partial Regex SectionConstant();

    [GeneratedRegex(@"public\s+(?<type>[\w<>\[\]?.,\s]+?)\s+(?<name>\w+)\s*\{\s*get;\s*(?:set|init);")]
    private static partial Regex SettableProperty();

    [GeneratedRegex(@"^(.*):\d+$")]
    private static partial Regex ListIndex();
}
