using TrustSafety.FilteringIngest.Canonical;

namespace TrustSafety.FilteringIngest.Adapters;

/// <summary>
/// Netsweeper WebAdmin / Reporter request-log export (CSV): one row per web request with the time, the client's IP
/// address and login name, the policy group, the URL, the Netsweeper category (name, and its number when the export
/// includes it) and whether the request was allowed, denied or warned. Columns are found by name (common spellings, any
/// order and case); Netsweeper is a UK-deployed filter, so numeric dates are day-first.
/// </summary>
public sealed class NetsweeperCsvAdapter : CsvAdapter
{
    public const string FormatName = "netsweeper-csv";
    public override string Format => FormatName;
    public override string Vendor => "netsweeper";

    private static readonly string[] TimeColumns = ["Date/Time", "Date Time", "Timestamp", "Time", "Date", "Request Time", "Request Date"];
    private static readonly string[] UrlColumns = ["URL", "Request", "Request URL", "Destination", "Site", "Host", "Domain"];
    private static readonly string[] ActionColumns = ["Action", "Status", "Result", "Decision", "Denied", "Filter Action", "Disposition"];

    protected override string? MissingColumns(CsvTable table) =>
        Require(table, ("Date/Time", TimeColumns), ("URL", UrlColumns), ("Action", ActionColumns));

    protected override VendorRecord? Map(CsvTable table, string[] cells, AdapterContext context, int index, out RecordError? error)
    {
        if (!TryTime(CsvTable.Cell(cells, table.Column(TimeColumns)), context, index, "Date/Time", out var utc, out var local, out var zone, out error))
            return null;
        var word = CsvTable.Cell(cells, table.Column(ActionColumns));
        // Some exports carry a yes/no "Denied" column instead of an action word.
        var action = SchoolVendorCsv.ActionOrBlockedFlag(word, digits: true);
        if (action is null)
        {
            error = SchoolVendorCsv.UnreadableAction(index, "Action", word, "say whether the request was Allowed, Denied or Warned.");
            return null;
        }
        var url = CsvTable.Cell(cells, table.Column(UrlColumns));
        if (url is null)
        {
            error = new RecordError(index, "URL", "URL is empty: each request names the address asked for.");
            return null;
        }
        var ip = CsvTable.Cell(cells, table.Column("Client IP", "Client Address", "IP", "IP Address", "Source IP", "Client"));
        var categories = SchoolVendorCsv.Categories(CsvTable.Cell(cells, table.Column("Category", "Category Name", "Categories", "Content Category")));
        return new VendorRecord
        {
            OccurredAt = utc,
            VendorLocalTime = local,
            VendorTimeZone = zone,
            SourceEventId = CsvTable.Cell(cells, table.Column("Request ID", "Log ID", "ID")),
            Product = "Netsweeper",
            User = CsvTable.Cell(cells, table.Column("Login Name", "User", "Username", "User Name", "Login", "Account")),
            Group = CsvTable.Cell(cells, table.Column("Group", "Policy Group", "Group Name", "Policy", "Profile")),
            DeviceName = CsvTable.Cell(cells, table.Column("Client Name", "Device", "Hostname", "Computer")),
            Ip = Text.IsIp(ip) ? ip : null,
            Action = action,
            Url = url,
            Host = Text.HostOf(url),
            SearchTerm = CsvTable.Cell(cells, table.Column("Search Term", "Search", "Keyword")),
            Categories = SchoolVendorCsv.WithId(categories, CsvTable.Cell(cells, table.Column("Category ID", "Category Number", "Cat ID", "Category No"))),
        };
    }
}
