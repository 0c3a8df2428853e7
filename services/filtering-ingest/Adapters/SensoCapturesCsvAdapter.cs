using TrustSafety.FilteringIngest.Canonical;
using TrustSafety.FilteringIngest.Normalisation;

namespace TrustSafety.FilteringIngest.Adapters;

/// <summary>
/// Senso (senso.cloud) safeguarding captures export: one row per capture with its severity (LOW, MEDIUM, HIGH, URGENT,
/// CRITICAL), the rule set (the library the keyword is in) and the rule word matched, the device and its IP address,
/// the user and the application. Mapped by header name (the export's exact headers are not published; common
/// spellings are accepted). A screenshot is never read: only a link to it in Senso's console.
/// </summary>
public sealed class SensoCapturesCsvAdapter : CsvAdapter
{
    public const string FormatName = "senso-csv";
    public override string Format => FormatName;
    public override string Vendor => "senso";

    private static readonly string[] TimeColumns = ["Date/Time", "Date Time", "Captured", "Capture Time", "Time", "Date", "Timestamp"];
    private static readonly string[] SeverityColumns = ["Severity", "Risk", "Level"];
    private static readonly string[] RuleSetColumns = ["Rule Set", "Ruleset", "Rule set name", "Library", "Category"];
    private static readonly string[] RuleColumns = ["Rule Word", "Rule", "Keyword", "Word", "Matched Word", "Phrase"];

    protected override string? MissingColumns(CsvTable table) =>
        Require(table, ("Date/Time", TimeColumns), ("Severity", SeverityColumns), ("Rule Set", RuleSetColumns));

    protected override VendorRecord? Map(CsvTable table, string[] cells, AdapterContext context, int index, out RecordError? error)
    {
        if (!TryTime(CsvTable.Cell(cells, table.Column(TimeColumns)), context, index, "Date/Time", out var utc, out var local, out var zone, out error))
            return null;
        var level = CsvTable.Cell(cells, table.Column(SeverityColumns));
        var severity = SeverityScales.Senso(level);
        if (severity is null)
        {
            error = new RecordError(index, "Severity", $"'{Text.Excerpt(level, 30)}' is not LOW, MEDIUM, HIGH, URGENT or CRITICAL.");
            return null;
        }
        var ruleSet = CsvTable.Cell(cells, table.Column(RuleSetColumns));
        if (ruleSet is null)
        {
            error = new RecordError(index, "Rule Set", "Rule Set is empty: Senso names the library every capture matched.");
            return null;
        }
        var ip = CsvTable.Cell(cells, table.Column("IP Address", "IP", "Device IP"));
        var url = CsvTable.Cell(cells, table.Column("URL", "Website", "Address"));
        var id = CsvTable.Cell(cells, table.Column("Capture ID", "ID", "Id"));
        var link = CsvTable.Cell(cells, table.Column("Screenshot", "Screenshot URL", "Capture URL", "Link"));
        return new VendorRecord
        {
            OccurredAt = utc,
            VendorLocalTime = local,
            VendorTimeZone = zone,
            SourceEventId = id,
            Product = "Senso Safeguard",
            User = CsvTable.Cell(cells, table.Column("User", "Username", "User name", "Logged on user")),
            Group = CsvTable.Cell(cells, table.Column("Group", "Year", "Class")),
            DeviceName = CsvTable.Cell(cells, table.Column("Device", "Device Name", "Machine", "Computer")),
            Ip = Text.IsIp(ip) ? ip : null,
            Action = FilterActions.Captured,
            Url = url,
            Host = Text.HostOf(url),
            // The rule word is what was typed or seen: like a search term, shown to the DSL only.
            SearchTerm = CsvTable.Cell(cells, table.Column(RuleColumns)),
            Application = CsvTable.Cell(cells, table.Column("Application", "App", "Process")),
            Categories = [new VendorCategory(null, ruleSet)],
            VendorSeverity = level,
            Severity = severity,
            EvidenceKind = link is not null && link.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? EvidenceKinds.VendorLink : EvidenceKinds.None,
            EvidenceUri = link is not null && link.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? link : null,
        };
    }
}
