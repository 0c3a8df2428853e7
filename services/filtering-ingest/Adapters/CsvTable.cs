using System.Text;

namespace TrustSafety.FilteringIngest.Adapters;

/// <summary>RFC 4180 CSV (quoted cells, doubled quotes, newlines inside quotes), mapped by header name.</summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(IReadOnlyList<string> header, List<(int Line, string[] Cells, string Raw)> rows)
    {
        Header = header;
        Rows = rows;
        _columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++) _columns.TryAdd(Normalise(header[i]), i);
    }

    public IReadOnlyList<string> Header { get; }
    public List<(int Line, string[] Cells, string Raw)> Rows { get; }

    /// <summary>Header names compared without case, spaces or punctuation ("Source IP" = "source_ip" = "SourceIP").</summary>
    public static string Normalise(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name) if (char.IsLetterOrDigit(c)) sb.Append(char.ToLowerInvariant(c));
        return sb.ToString();
    }

    public int? Column(params string[] aliases)
    {
        foreach (var alias in aliases)
            if (_columns.TryGetValue(Normalise(alias), out var index)) return index;
        return null;
    }

    public static string? Cell(string[] cells, int? column) =>
        column is { } c && c < cells.Length ? Text.Blank(cells[c]) : null;

    public static bool TryRead(string text, bool hasHeader, out CsvTable table, out string? error, IReadOnlyList<string>? positionalHeader = null)
    {
        table = null!;
        error = null;
        var rows = ReadRows(text, out error);
        if (error is not null) return false;
        if (rows.Count == 0) { error = "The CSV holds no rows."; return false; }
        IReadOnlyList<string> header;
        if (hasHeader)
        {
            header = rows[0].Cells.Select(c => c.Trim().TrimStart('\uFEFF')).ToArray();
            rows.RemoveAt(0);
        }
        else header = positionalHeader ?? [];
        table = new CsvTable(header, rows);
        return true;
    }

    public static List<(int Line, string[] Cells, string Raw)> ReadRows(string text, out string? error)
    {
        error = null;
        var rows = new List<(int, string[], string)>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var inQuotes = false;
        var line = 1;
        var rowStartLine = 1;
        var rowStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                    else inQuotes = false;
                }
                else
                {
                    if (c == '\n') line++;
                    cell.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when cell.ToString().Trim().Length == 0:
                    cell.Clear();
                    inQuotes = true;
                    break;
                case ',':
                    cells.Add(cell.ToString());
                    cell.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    cells.Add(cell.ToString());
                    cell.Clear();
                    if (cells.Count > 1 || cells[0].Trim().Length > 0) rows.Add((rowStartLine, cells.ToArray(), text[rowStart..i].TrimEnd('\r')));
                    cells.Clear();
                    line++;
                    rowStartLine = line;
                    rowStart = i + 1;
                    break;
                default:
                    cell.Append(c);
                    break;
            }
        }
        if (inQuotes)
        {
            error = $"A quoted cell opened on line {rowStartLine} is never closed.";
            return rows;
        }
        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(cell.ToString());
            if (cells.Count > 1 || cells[0].Trim().Length > 0) rows.Add((rowStartLine, cells.ToArray(), text[rowStart..]));
        }
        return rows;
    }
}
