using System.Text.RegularExpressions;

namespace TrustSafety.Kubernetes.Tests;

/// <summary>A deployable piece as docs/layout.md lists it.</summary>
public sealed record Piece(string Name, string Project, int LocalPort, string? Database)
{
    public string SourceDirectory => Path.GetDirectoryName(Repository.PathOf(Project.Split('/')))!;
    public bool SourceExists => File.Exists(Repository.PathOf(Project.Split('/')));
}

/// <summary>docs/layout.md is the contract between the pieces; the manifests are checked against it, not a copy of it.</summary>
public static partial class Layout
{
    public static IReadOnlyList<Piece> Pieces { get; } = ReadPieces();

    /// <summary>The keys of the "Configuration keys every service reads" table, in <c>Section:Key</c> form.</summary>
    public static IReadOnlyList<string> ConfigurationKeys { get; } = ReadKeys();

    public static Piece Piece(string name) => Pieces.Single(p => p.Name == name);

    public static TheoryData<string> PieceNames() => [.. Pieces.Select(p => p.Name)];

    private static string Text() => File.ReadAllText(Repository.PathOf("docs", "layout.md"));

    private static List<Piece> ReadPieces() =>
        PieceRow().Matches(Text()).Select(m => new Piece(m.Groups["name"].Value, m.Groups["project"].Value,
            int.Parse(m.Groups["port"].Value), m.Groups["db"].Value.Trim() is var db && db.StartsWith("trustsafety_") ? db : null)).ToList();

    private static List<string> ReadKeys()
    {
        var section = Text().Split("## Configuration keys every service reads")[1].Split("\n## ")[0];
        var keys = new List<string>();
        foreach (var line in section.Split('\n').Where(l => l.StartsWith("| `")))
        {
            var cell = line.Split('|')[1];
            var names = Regex.Matches(cell, "`([^`]+)`").Select(m => m.Groups[1].Value).ToList();
            var prefix = names[0].Contains(':') ? names[0][..names[0].IndexOf(':')] : null;
            keys.Add(names[0]);
            keys.AddRange(names.Skip(1).Select(n => n.Contains(':') || prefix is null ? n : $"{prefix}:{n}"));
        }
        return keys;
    }

    [GeneratedRegex(@"^\| (?<name>[a-z-]+) \| (?<project>[\w./-]+\.csproj) \| (?<port>\d+) \| (?<db>[^|]+)\|", RegexOptions.Multiline)]
    private static partial Regex PieceRow();
}
