using TrustSafety.FilteringIngest.Canonical;
using TrustSafety.FilteringIngest.Normalisation;

namespace TrustSafety.FilteringIngest.Adapters;

/// <summary>
/// Impero (Education Pro / Wellbeing, Backdrop) keyword captures export: Impero's help centre ("Viewed Word Captures")
/// says each capture lists Who (the user on the device), When (date and time) and What (the keyword that triggered
/// it), from a keyword list (weapons and violence, bullying, radicalisation …, or the school's own). The export also
/// carries the device, the application or window, the policy's severity and the capture's triage status. Columns are
/// found by name (Who / When / What or the usual spellings, any order and case); numeric dates are day-first (UK).
/// A screenshot is never read: only an https link to it in Impero's console.
/// </summary>
public sealed class ImperoCapturesCsvAdapter : CsvAdapter
{
    public const string FormatName = "impero-captures-csv";
    public override string Format => FormatName;
    public override string Vendor => "impero";

    private static readonly string[] TimeColumns = ["When", "Date/Time", "Date Time", "Captured", "Capture Time", "Captured At", "Timestamp", "Time", "Date"];
    private static readonly string[] KeywordColumns = ["What", "Keyword", "Term", "Word", "Phrase", "Matched Term", "Trigger", "Violation"];
    private static readonly string[] ListColumns = ["Keyword List", "Keyword Policy", "List", "Category", "Library", "Policy", "Theme"];

    protected override string? MissingColumns(CsvTable table) =>
        Require(table, ("When", TimeColumns), ("What", KeywordColumns));

    protected override VendorRecord? Map(CsvTable table, string[] cells, AdapterContext context, int index, out RecordError? error)
    {
        if (!TryTime(CsvTable.Cell(cells, table.Column(TimeColumns)), context, index, "When", out var utc, out var local, out var zone, out error))
            return null;
        var keyword = CsvTable.Cell(cells, table.Column(KeywordColumns));
        if (keyword is null)
        {
            error = new RecordError(index, "What", "What is empty: each capture names the keyword that triggered it.");
            return null;
        }
        var level = CsvTable.Cell(cells, table.Column("Severity", "Severity Level", "Level", "Risk", "Priority"));
        int? severity = null;
        if (level is not null && (severity = SeverityScales.Impero(level)) is null)
        {
            error = new RecordError(index, "Severity", $"'{Text.Excerpt(level, 30)}' is not a severity 1 to 5 (or Low, Medium, High, Severe, Critical); leave it empty if the export has none.");
            return null;
        }
        var ip = CsvTable.Cell(cells, table.Column("IP Address", "IP", "Device IP"));
        var (kind, uri) = SchoolVendorCsv.Link(CsvTable.Cell(cells, table.Column("Screenshot", "Screenshot URL", "Capture URL", "Link", "Evidence")));
        var url = CsvTable.Cell(cells, table.Column("URL", "Website", "Address"));
        return new VendorRecord
        {
            OccurredAt = utc,
            VendorLocalTime = local,
            VendorTimeZone = zone,
            SourceEventId = CsvTable.Cell(cells, table.Column("Capture ID", "Violation ID", "ID", "Id")),
            Product = "Impero",
            User = CsvTable.Cell(cells, table.Column("Who", "User", "Username", "User Name", "Student", "Logged On User")),
            Group = CsvTable.Cell(cells, table.Column("Group", "Tutor Group", "Registration Group", "Year", "Class")),
            DeviceName = CsvTable.Cell(cells, table.Column("Device", "Device Name", "Computer", "Computer Name", "Machine")),
            Ip = Text.IsIp(ip) ? ip : null,
            Action = FilterActions.Captured,
            Url = url,
            Host = Text.HostOf(url),
            // The keyword is what was typed or seen: like a search term, shown to the DSL only.
            SearchTerm = keyword,
            Application = CsvTable.Cell(cells, table.Column("Application", "App", "Process", "Window Title", "Window")),
            Categories = SchoolVendorCsv.Categories(CsvTable.Cell(cells, table.Column(ListColumns))),
            VendorSeverity = level,
            Severity = severity,
            EvidenceKind = kind,
            EvidenceUri = uri,
        };
    }
}
