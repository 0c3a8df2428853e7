using System.Text;
using TrustSafety.FilteringIngest.Canonical;

namespace TrustSafety.FilteringIngest.Adapters;

/// <summary>A CSV export mapped by header name: extra and reordered columns are fine; a missing required column is a body error.</summary>
public abstract class CsvAdapter : IFormatAdapter
{
    public abstract string Format { get; }
    public abstract string Vendor { get; }
    protected virtual bool HeaderAlwaysPresent => true;
    protected virtual IReadOnlyList<string>? PositionalHeader => null;

    public AdapterOutput Parse(ReadOnlySpan<byte> body, AdapterContext context)
    {
        string text;
        try { text = Text.StrictUtf8.GetString(body); }
        catch (DecoderFallbackException) { return AdapterOutput.Unusable("body", "The body is not valid UTF-8 CSV."); }
        // A byte-order mark (Excel's "CSV UTF-8") and Excel's "sep=," first line are not part of the table.
        if (text.StartsWith('\uFEFF')) text = text[1..];
        if (text.StartsWith("sep=", StringComparison.OrdinalIgnoreCase) && text.IndexOf('\n') is var end and > 0 && end <= 8) text = text[(end + 1)..];
        var hasHeader = HeaderAlwaysPresent || LooksLikeHeader(text);
        if (!CsvTable.TryRead(text, hasHeader, out var table, out var csvError, PositionalHeader))
            return AdapterOutput.Unusable("body", csvError!);
        var missing = MissingColumns(table);
        if (missing is not null) return AdapterOutput.Unusable("header", missing);
        var output = new AdapterOutput();
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var (_, cells, raw) = table.Rows[i];
            var record = Map(table, cells, context, i, out var error);
            if (record is not null) output.Records.Add((i, record with { RawDigest = Text.Digest(raw) }));
            else output.Errors.Add((error ?? new RecordError(i, "row", "The row could not be read.")) with { Raw = Text.Excerpt(raw) });
        }
        if (output.Total == 0) output.BodyError = new RecordError(-1, "body", "The CSV has a header but no data rows.");
        return output;
    }

    protected virtual bool LooksLikeHeader(string text) => true;

    /// <summary>A message naming the missing columns and the accepted names, or null when the header is usable.</summary>
    protected abstract string? MissingColumns(CsvTable table);

    protected abstract VendorRecord? Map(CsvTable table, string[] cells, AdapterContext context, int index, out RecordError? error);

    protected static string? Require(CsvTable table, params (string Field, string[] Aliases)[] columns)
    {
        var missing = columns.Where(c => table.Column(c.Aliases) is null).ToList();
        return missing.Count == 0
            ? null
            : "Missing column(s): " + string.Join("; ", missing.Select(m => $"{m.Field} (any of: {string.Join(", ", m.Aliases)})")) + ".";
    }

    protected static bool TryTime(string? cell, AdapterContext context, int index, string field, out DateTimeOffset utc, out string? local,
        out string? zone, out RecordError? error)
    {
        error = null;
        if (Text.TryParseTime(cell, context, context.Zone, out utc, out local, out zone)) return true;
        error = new RecordError(index, field, cell is null
            ? $"'{field}' is empty."
            : $"'{Text.Excerpt(cell, 40)}' is not a date and time (use ISO 8601, 'yyyy-MM-dd HH:mm:ss' or 'dd/MM/yyyy HH:mm').");
        return false;
    }
}
