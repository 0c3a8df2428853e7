using TrustSafety.FilteringIngest.Canonical;
using TrustSafety.FilteringIngest.Normalisation;

namespace TrustSafety.FilteringIngest.Adapters;

/// <summary>Smoothwall Filter web-filter log export (Time, Username, Source IP, Group, Code, URL, Categories, …; headers vary by version).</summary>
public sealed class SmoothwallWebFilterCsvAdapter : CsvAdapter
{
    public const string FormatName = "smoothwall-webfilter-csv";
    public override string Format => FormatName;
    public override string Vendor => "smoothwall";

    private static readonly string[] TimeColumns = ["Time", "Date/Time", "Date Time", "Timestamp", "Date"];
    private static readonly string[] UrlColumns = ["URL", "Request", "Domain", "Destination"];

    protected override string? MissingColumns(CsvTable table) => Require(table, ("Time", TimeColumns), ("URL", UrlColumns));

    protected override VendorRecord? Map(CsvTable table, string[] cells, AdapterContext context, int index, out RecordError? error)
    {
        if (!TryTime(CsvTable.Cell(cells, table.Column(TimeColumns)), context, index, "Time", out var utc, out var local, out var zone, out error))
            return null;
        var url = CsvTable.Cell(cells, table.Column(UrlColumns));
        if (url is null)
        {
            error = new RecordError(index, "URL", "URL is empty.");
            return null;
        }
        var code = CsvTable.Cell(cells, table.Column("Code", "Status", "Action", "Result"));
        var action = code?.ToLowerInvariant() switch
        {
            null => FilterActions.Allowed,
            "403" or "blocked" or "block" or "denied" => FilterActions.Blocked,
            "warned" or "warn" or "soft block" or "softblock" => FilterActions.Warned,
            var c when c.Contains("block") => FilterActions.Blocked,
            _ => FilterActions.Allowed,
        };
        var logLevel = CsvTable.Cell(cells, table.Column("Log level", "Level", "Severity"));
        var ip = CsvTable.Cell(cells, table.Column("Source IP", "Client IP", "IP", "IP Address"));
        return new VendorRecord
        {
            OccurredAt = utc,
            VendorLocalTime = local,
            VendorTimeZone = zone,
            Product = "Smoothwall Filter",
            User = CsvTable.Cell(cells, table.Column("Username", "User", "User name")),
            Group = CsvTable.Cell(cells, table.Column("Group", "Groups")),
            DeviceName = CsvTable.Cell(cells, table.Column("Hostname", "Client hostname", "Device")),
            Ip = Text.IsIp(ip) ? ip : null,
            Action = action,
            Url = url,
            Host = Text.HostOf(url),
            SearchTerm = CsvTable.Cell(cells, table.Column("Search term", "Search terms", "Search")),
            Categories = Text.Labels(CsvTable.Cell(cells, table.Column("Categories", "Category", "Content categories"))),
            VendorSeverity = logLevel ?? code,
            Severity = SeverityScales.SmoothwallLogLevel(logLevel),
        };
    }
}

/// <summary>Smoothwall safeguarding report export: User (Group), Safeguarding level, categories, Date / Time, Domain / URL / Search term.</summary>
public sealed class SmoothwallSafeguardingCsvAdapter : CsvAdapter
{
    public const string FormatName = "smoothwall-safeguarding-csv";
    public override string Format => FormatName;
    public override string Vendor => "smoothwall";

    private static readonly string[] LevelColumns = ["Safeguarding level", "Level", "Severity", "Risk"];
    private static readonly string[] TimeColumns = ["Date / Time", "Date/Time", "Date Time", "Time", "Timestamp", "Date"];

    protected override string? MissingColumns(CsvTable table) => Require(table,
        ("Safeguarding level", LevelColumns), ("Date / Time", TimeColumns),
        ("Categories", ["Safeguarding categories", "Categories", "Category", "Matched categories", "Theme"]));

    protected override VendorRecord? Map(CsvTable table, string[] cells, AdapterContext context, int index, out RecordError? error)
    {
        if (!TryTime(CsvTable.Cell(cells, table.Column(TimeColumns)), context, index, "Date / Time", out var utc, out var local, out var zone, out error))
            return null;
        var level = CsvTable.Cell(cells, table.Column(LevelColumns));
        var severity = SeverityScales.SmoothwallSafeguarding(level) ?? SeverityScales.MonitorRisk(level);
        if (severity is null)
        {
            error = new RecordError(index, "Safeguarding level", $"'{Text.Excerpt(level, 30)}' is not Danger, Caution, Advisory or a risk level 1–5.");
            return null;
        }
        var (user, group) = SplitUser(CsvTable.Cell(cells, table.Column("User", "Username", "User (Group)")));
        var url = CsvTable.Cell(cells, table.Column("URL", "Domain", "Domain / URL"));
        var ip = CsvTable.Cell(cells, table.Column("IP", "Source IP", "IP Address"));
        return new VendorRecord
        {
            OccurredAt = utc,
            VendorLocalTime = local,
            VendorTimeZone = zone,
            Product = "Smoothwall Safeguarding",
            User = user,
            Group = CsvTable.Cell(cells, table.Column("Group")) ?? group,
            DeviceName = CsvTable.Cell(cells, table.Column("Device", "Hostname")),
            Ip = Text.IsIp(ip) ? ip : null,
            Action = CsvTable.Cell(cells, table.Column("Action"))?.Contains("block", StringComparison.OrdinalIgnoreCase) == true
                ? FilterActions.Blocked : FilterActions.Monitored,
            Url = url,
            Host = Text.HostOf(url),
            SearchTerm = CsvTable.Cell(cells, table.Column("Search term", "Search terms", "Search")),
            Categories = Text.Labels(CsvTable.Cell(cells, table.Column("Safeguarding categories", "Categories", "Category", "Matched categories", "Theme"))),
            VendorSeverity = level,
            Severity = severity,
        };
    }

    /// <summary>"jsmith (Year 9)" → ("jsmith", "Year 9").</summary>
    internal static (string? User, string? Group) SplitUser(string? cell)
    {
        if (cell is null) return (null, null);
        var open = cell.LastIndexOf('(');
        return open > 0 && cell.EndsWith(')') ? (cell[..open].Trim(), cell[(open + 1)..^1].Trim()) : (cell, null);
    }
}

/// <summary>Lightspeed Filter activity log: Destination, Action (Allowed / Redirected / Blocked), Reason, User, IP Address, User OU, User Groups, Computer, Category.</summary>
public sealed class LightspeedActivityCsvAdapter : CsvAdapter
{
    public const string FormatName = "lightspeed-csv";
    public override string Format => FormatName;
    public override string Vendor => "lightspeed";

    private static readonly string[] TimeColumns = ["Time", "Date", "Timestamp", "Date/Time", "Date Time", "Created"];

    protected override string? MissingColumns(CsvTable table) => Require(table,
        ("Time", TimeColumns), ("Destination", ["Destination", "URL", "Domain"]), ("Action", ["Action"]));

    protected override VendorRecord? Map(CsvTable table, string[] cells, AdapterContext context, int index, out RecordError? error)
    {
        if (!TryTime(CsvTable.Cell(cells, table.Column(TimeColumns)), context, index, "Time", out var utc, out var local, out var zone, out error))
            return null;
        var raw = CsvTable.Cell(cells, table.Column("Action"));
        var action = raw?.ToLowerInvariant() switch
        {
            "allowed" => FilterActions.Allowed,
            "blocked" or "redirected" => FilterActions.Blocked,
            "warned" => FilterActions.Warned,
            _ => null,
        };
        if (action is null)
        {
            error = new RecordError(index, "Action", $"'{Text.Excerpt(raw, 30)}' is not Allowed, Redirected or Blocked.");
            return null;
        }
        var destination = CsvTable.Cell(cells, table.Column("Destination", "URL", "Domain"));
        if (destination is null)
        {
            error = new RecordError(index, "Destination", "Destination is empty.");
            return null;
        }
        var ip = CsvTable.Cell(cells, table.Column("IP Address", "IP", "Source IP"));
        return new VendorRecord
        {
            OccurredAt = utc,
            VendorLocalTime = local,
            VendorTimeZone = zone,
            Product = "Lightspeed Filter",
            User = CsvTable.Cell(cells, table.Column("User", "Username")),
            Group = CsvTable.Cell(cells, table.Column("User Groups", "User OU", "Group")),
            DeviceName = CsvTable.Cell(cells, table.Column("Computer", "Device")),
            Ip = Text.IsIp(ip) ? ip : null,
            Action = action,
            Url = destination,
            Host = Text.HostOf(destination),
            Categories = Text.Labels(CsvTable.Cell(cells, table.Column("Category", "Categories"))),
            VendorSeverity = CsvTable.Cell(cells, table.Column("Reason")),
        };
    }
}
