using TrustSafety.FilteringIngest.Canonical;

namespace TrustSafety.FilteringIngest.Tests.Adapters;

/// <summary>
/// Issue 19.3: Securly, Netsweeper, Impero and Linewize exports arrive as people save them. Every fixture of those
/// formats, rewritten with its columns in reverse order, its header in capitals, every cell quoted, CRLF line ends and a
/// byte-order mark, must give the same records and the same refusals as the fixture itself.
/// </summary>
public sealed class SchoolVendorExportTests
{
    private static readonly FormatAdapters Adapters = new();
    private static readonly string[] Formats =
        [SecurlyActivityCsvAdapter.FormatName, NetsweeperCsvAdapter.FormatName, ImperoCapturesCsvAdapter.FormatName, LinewizeCsvAdapter.FormatName];

    public static TheoryData<Fixture> Readable()
    {
        var data = new TheoryData<Fixture>();
        foreach (var f in AdapterFixtures.All.Where(f => Formats.Contains(f.Format) && !f.Unusable)) data.Add(f);
        return data;
    }

    private static string Rewrite(string csv)
    {
        if (csv.StartsWith('\uFEFF')) csv = csv[1..];
        if (csv.StartsWith("sep=", StringComparison.Ordinal)) csv = csv[(csv.IndexOf('\n') + 1)..];
        var rows = CsvTable.ReadRows(csv, out var error);
        error.ShouldBeNull();
        var width = rows.Max(r => r.Cells.Length);
        static string Quote(string cell) => "\"" + cell.Replace("\"", "\"\"") + "\"";
        var lines = rows.Select((r, i) => string.Join(',', Enumerable.Range(0, width).Reverse()
            .Select(c => Quote(c < r.Cells.Length ? (i == 0 ? r.Cells[c].ToUpperInvariant() : r.Cells[c]) : ""))));
        return "\uFEFF" + string.Join("\r\n", lines) + "\r\n";
    }

    private static object Shape(VendorRecord r) => new
    {
        r.OccurredAt, r.Action, r.User, r.Group, r.Ip, r.Url, r.Host, r.SearchTerm, r.Severity, r.VendorSeverity, r.SourceEventId,
        Categories = string.Join("|", r.Categories.Select(c => $"{c.Id}:{c.Label}")),
    };

    [Theory]
    [MemberData(nameof(Readable))]
    public void reordered_capitalised_quoted_crlf_and_bom_export_reads_the_same(Fixture fixture)
    {
        var adapter = Adapters.For(fixture.Format).ShouldNotBeNull();
        var plain = adapter.Parse(Encoding.UTF8.GetBytes(fixture.Raw), AdapterContext.Default);
        var rewritten = adapter.Parse(Encoding.UTF8.GetBytes(Rewrite(fixture.Raw)), AdapterContext.Default);

        rewritten.BodyError.ShouldBeNull(fixture.Name);
        rewritten.Records.Select(r => (r.Index, Shape(r.Record))).ShouldBe(plain.Records.Select(r => (r.Index, Shape(r.Record))), fixture.Name);
        rewritten.Errors.Select(e => (e.Record, e.Field)).ShouldBe(plain.Errors.Select(e => (e.Record, e.Field)), fixture.Name);
    }

    [Theory]
    [MemberData(nameof(Readable))]
    public void every_refused_row_names_its_field_and_keeps_the_row_for_the_school_to_see(Fixture fixture)
    {
        var output = Adapters.For(fixture.Format)!.Parse(Encoding.UTF8.GetBytes(fixture.Raw), AdapterContext.Default);

        output.Records.Count.ShouldBe(fixture.Accepted, fixture.Name);
        foreach (var error in output.Errors)
        {
            error.Field.ShouldNotBeNullOrWhiteSpace();
            error.Reason.ShouldContain(error.Field.Split('/')[0], Case.Insensitive, $"{fixture.Name}: '{error.Reason}' should name {error.Field}");
            error.Raw.ShouldNotBeNullOrEmpty();
        }
    }

    [Fact]
    public void a_missing_required_column_is_refused_naming_the_column_and_the_names_accepted()
    {
        var output = Adapters.For(ImperoCapturesCsvAdapter.FormatName)!.Parse("Who,When\nkid,2026-11-21 09:30\n"u8, AdapterContext.Default);

        output.BodyError.ShouldNotBeNull();
        output.BodyError!.Field.ShouldBe("header");
        output.BodyError.Reason.ShouldContain("What (any of: What, Keyword");
    }
}
