namespace TrustSafety.Security.Tests.Matrix;

/// <summary>An expected outcome: the status for the caller's own school, and for another school's record when there is one.</summary>
public sealed record Expected(int Own, int? Other)
{
    public static Expected Parse(string cell)
    {
        var parts = cell.Split('/', StringSplitOptions.TrimEntries);
        return new(int.Parse(parts[0]), parts.Length > 1 ? int.Parse(parts[1]) : null);
    }

    public override string ToString() => Other is null ? $"{Own}" : $"{Own} / {Other}";
}

public sealed record MatrixRow(string Service, string Verb, string Path, IReadOnlyDictionary<string, Expected> Cells)
{
    public string Key => $"{Verb} {Path}";
}

/// <summary>The table in docs/authorization-matrix.md: the single source of the expected outcomes.</summary>
public static class MatrixDocument
{
    public const string Header = "| service | verb | path |";

    public static string PathOfDocument() => TrustSafety.Testing.Repository.PathOf("docs", "authorization-matrix.md");

    public static IReadOnlyList<MatrixRow> Read() => Parse(File.ReadAllLines(PathOfDocument()));

    public static IReadOnlyList<MatrixRow> Parse(IReadOnlyList<string> lines)
    {
        var start = lines.ToList().FindIndex(l => l.StartsWith(Header, StringComparison.Ordinal));
        if (start < 0) throw new InvalidOperationException($"No table starting with '{Header}' in the matrix document.");
        var columns = Cells(lines[start]);
        var rows = new List<MatrixRow>();
        foreach (var line in lines.Skip(start + 2).TakeWhile(l => l.StartsWith('|')))
        {
            var cells = Cells(line);
            if (cells.Count != columns.Count) throw new FormatException($"Row has {cells.Count} cells, header {columns.Count}: {line}");
            var expected = new Dictionary<string, Expected>();
            for (var i = 3; i < columns.Count; i++) expected[columns[i]] = Expected.Parse(cells[i]);
            rows.Add(new MatrixRow(cells[0], cells[1], cells[2].Trim('`'), expected));
        }
        return rows;
    }

    private static List<string> Cells(string line) =>
        line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToList();

    public static string Render(IEnumerable<MatrixRow> rows, IReadOnlyList<string> columns)
    {
        var lines = new List<string>
        {
            Header + " " + string.Join(" | ", columns) + " |",
            "|---|---|---|" + string.Concat(columns.Select(_ => "---|")),
        };
        lines.AddRange(rows.Select(r => $"| {r.Service} | {r.Verb} | `{r.Path}` | " +
            string.Join(" | ", columns.Select(c => r.Cells[c].ToString())) + " |"));
        return string.Join('\n', lines);
    }
}
