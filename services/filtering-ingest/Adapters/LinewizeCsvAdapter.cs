using TrustSafety.FilteringIngest.Canonical;
using TrustSafety.FilteringIngest.Normalisation;

namespace TrustSafety.FilteringIngest.Adapters;

/// <summary>
/// Qoria / Linewize School Manager export (filtering activity and flagged searches) and Linewize Monitor captures,
/// one adapter by header name. Linewize's help centre ("Student Activity Report in School Manager") names the flags a
/// record can carry: Adult Searches, Adult Web Hits, Bullying, Depression, Hate, Substance, Suicide and Violence
/// Searches, and VPN Hits; Monitor captures carry a risk level 1–5. The category, sub-category (theme) and flag
/// columns are all read as categories (the most serious wins). The action is optional: a flagged-search or capture
/// export records what was seen, not a filtering decision, so a row without one is Monitored (Captured when it has a
/// risk level). Numeric dates are day-first (UK).
/// </summary>
public sealed class LinewizeCsvAdapter : CsvAdapter
{
    public const string FormatName = "linewize-csv";
    public override string Format => FormatName;
    public override string Vendor => "linewize";

    private static readonly string[] TimeColumns = ["Time", "Date/Time", "Date Time", "Timestamp", "Date", "Event Time", "Captured"];
    private static readonly string[] SiteColumns = ["Website", "URL", "Domain", "Destination", "Site", "Host", "Http Host"];
    private static readonly string[] SearchColumns = ["Search Term", "Search", "Search Query", "Keyword", "Phrase", "Captured Text"];

    protected override string? MissingColumns(CsvTable table) =>
        Require(table, ("Time", TimeColumns), ("Website or Search Term", [.. SiteColumns, .. SearchColumns]));

    protected override VendorRecord? Map(CsvTable table, string[] cells, AdapterContext context, int index, out RecordError? error)
    {
        if (!TryTime(CsvTable.Cell(cells, table.Column(TimeColumns)), context, index, "Time", out var utc, out var local, out var zone, out error))
            return null;
        var risk = CsvTable.Cell(cells, table.Column("Risk", "Risk Level", "Risk Score", "Grade", "Severity"));
        int? severity = null;
        if (risk is not null && (severity = SeverityScales.MonitorRisk(risk)) is null)
        {
            error = new RecordError(index, "Risk", $"'{Text.Excerpt(risk, 30)}' is not a risk level 1 to 5; leave it empty if the export has none.");
            return null;
        }
        var word = CsvTable.Cell(cells, table.Column("Action", "Verdict", "Decision", "Result", "Status", "Blocked"));
        var action = word is null ? (severity is null ? FilterActions.Monitored : FilterActions.Captured) : SchoolVendorCsv.ActionOrBlockedFlag(word);
        if (action is null)
        {
            error = new RecordError(index, "Action", $"Action '{Text.Excerpt(word, 30)}' is not {SchoolVendorCsv.ActionWords}.");
            return null;
        }
        var site = CsvTable.Cell(cells, table.Column(SiteColumns));
        var search = CsvTable.Cell(cells, table.Column(SearchColumns));
        if (site is null && search is null)
        {
            error = new RecordError(index, "Website", "Neither the website nor the search term is given: each record names one.");
            return null;
        }
        var url = site is not null && !site.Contains("://", StringComparison.Ordinal) ? "https://" + site : site;
        var ip = CsvTable.Cell(cells, table.Column("Source IP", "IP", "IP Address", "Client IP", "Device IP"));
        var mac = CsvTable.Cell(cells, table.Column("MAC", "MAC Address", "Source MAC"));
        var (kind, uri) = SchoolVendorCsv.Link(CsvTable.Cell(cells, table.Column("Screenshot", "Screenshot URL", "Capture URL", "Link")));
        return new VendorRecord
        {
            OccurredAt = utc,
            VendorLocalTime = local,
            VendorTimeZone = zone,
            SourceEventId = CsvTable.Cell(cells, table.Column("Event ID", "Capture ID", "ID", "Id")),
            Product = severity is null ? "Linewize School Manager" : "Linewize Monitor",
            User = CsvTable.Cell(cells, table.Column("User", "Username", "User Name", "Email", "Student", "Login")),
            Group = CsvTable.Cell(cells, table.Column("Group", "Groups", "User Group", "Class", "Year")),
            DeviceName = CsvTable.Cell(cells, table.Column("Device", "Device Name", "Hostname", "Computer", "Machine")),
            Ip = Text.IsIp(ip) ? ip : null,
            Mac = mac,
            Action = action,
            Url = url,
            Host = Text.HostOf(url),
            SearchTerm = search,
            Application = CsvTable.Cell(cells, table.Column("App", "Application", "Signature", "Signature Name")),
            Categories = SchoolVendorCsv.Categories(
                CsvTable.Cell(cells, table.Column("Category", "Categories", "Category Name")),
                CsvTable.Cell(cells, table.Column("Sub Category", "Subcategory", "Theme", "Themes")),
                CsvTable.Cell(cells, table.Column("Flag", "Flags", "Flag Type", "Flagged As"))),
            VendorSeverity = risk,
            Severity = severity,
            EvidenceKind = kind,
            EvidenceUri = uri,
        };
    }
}
