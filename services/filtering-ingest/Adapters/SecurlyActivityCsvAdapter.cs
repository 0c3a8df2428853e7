using TrustSafety.FilteringIngest.Canonical;

namespace TrustSafety.FilteringIngest.Adapters;

/// <summary>
/// Securly Filter activity report (CSV download or scheduled report). Securly's help centre ("Filter - How do I read
/// Filter activity reports?") lists what each activity holds: the site's URL, who accessed it, the activity's source
/// (Sites or Search), whether it was Allowed or Blocked, its category, the policy that decided it, and the date and
/// time. The CSV's exact header spellings are not published, so columns are found by name with common spellings, in
/// any order and case. Securly is an American product: a numeric date is read day-first unless only the month-first
/// reading is a date, and one that could be either (03/04/2026) is refused naming the field, never guessed.
/// </summary>
public sealed class SecurlyActivityCsvAdapter : CsvAdapter
{
    public const string FormatName = "securly-csv";
    public override string Format => FormatName;
    public override string Vendor => "securly";

    private static readonly string[] TimeColumns = ["Date/Time", "Date Time", "Date and Time", "Timestamp", "Time", "Date", "Activity Time", "Created At"];
    private static readonly string[] ActionColumns = ["Type", "Action", "Activity Type", "Status", "Result", "Allowed/Blocked"];
    private static readonly string[] SiteColumns = ["Site", "URL", "Website", "Domain", "Activity", "Site URL", "Page"];
    private static readonly string[] SearchColumns = ["Search Term", "Search", "Keyword", "Search Query", "Query"];

    protected override string? MissingColumns(CsvTable table) =>
        Require(table, ("Date/Time", TimeColumns), ("Type", ActionColumns), ("Site", [.. SiteColumns, .. SearchColumns]));

    protected override VendorRecord? Map(CsvTable table, string[] cells, AdapterContext context, int index, out RecordError? error)
    {
        if (!SchoolVendorCsv.TryTimeEitherOrder(CsvTable.Cell(cells, table.Column(TimeColumns)), context, index, "Date/Time",
                out var utc, out var local, out var zone, out error))
            return null;
        var word = CsvTable.Cell(cells, table.Column(ActionColumns));
        var action = SchoolVendorCsv.Action(word);
        if (action is null)
        {
            error = SchoolVendorCsv.UnreadableAction(index, "Type", word, "say whether the activity was Allowed or Blocked.");
            return null;
        }
        var site = CsvTable.Cell(cells, table.Column(SiteColumns));
        var search = CsvTable.Cell(cells, table.Column(SearchColumns));
        var source = CsvTable.Cell(cells, table.Column("Source", "Activity Source"));
        // A search activity lists the words searched for where a site activity lists the URL.
        if (search is null && site is not null && (string.Equals(source, "Search", StringComparison.OrdinalIgnoreCase) || !SchoolVendorCsv.LooksLikeAddress(site)))
            (search, site) = (site, null);
        if (site is null && search is null)
        {
            error = new RecordError(index, "Site", "Neither the site nor the search term is given: each activity names one.");
            return null;
        }
        var url = site is not null && !site.Contains("://", StringComparison.Ordinal) ? "https://" + site : site;
        var ip = CsvTable.Cell(cells, table.Column("IP Address", "IP", "Client IP", "Source IP"));
        return new VendorRecord
        {
            OccurredAt = utc,
            VendorLocalTime = local,
            VendorTimeZone = zone,
            SourceEventId = CsvTable.Cell(cells, table.Column("Activity ID", "Event ID", "ID", "Id")),
            Product = "Securly Filter",
            User = CsvTable.Cell(cells, table.Column("Email", "User Email", "User", "Username", "Student", "Name", "Who", "Accessed By")),
            Group = CsvTable.Cell(cells, table.Column("Org Unit", "OU", "Organizational Unit", "Organisational Unit", "Group", "Grade")),
            DeviceName = CsvTable.Cell(cells, table.Column("Device", "Device Name", "Chromebook")),
            Ip = Text.IsIp(ip) ? ip : null,
            Action = action,
            Url = url,
            Host = Text.HostOf(url),
            SearchTerm = search,
            Categories = SchoolVendorCsv.Categories(CsvTable.Cell(cells, table.Column("Category", "Categories", "Content Category"))),
            // Securly gives no severity: ours comes from the category (see Normaliser.Severity).
        };
    }
}
