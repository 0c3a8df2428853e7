using TrustSafety.FilteringIngest.Canonical;

namespace TrustSafety.FilteringIngest.Adapters;

/// <summary>Cisco Umbrella DNS log as delivered to S3: quoted CSV in a fixed column order (a header row, if present, is honoured).</summary>
public sealed class UmbrellaDnsCsvAdapter : CsvAdapter
{
    public const string FormatName = "umbrella-csv";
    public override string Format => FormatName;
    public override string Vendor => "cisco-umbrella";
    protected override bool HeaderAlwaysPresent => false;

    protected override IReadOnlyList<string> PositionalHeader =>
    [
        "Timestamp", "Most Granular Identity", "Identities", "Internal Ip", "External Ip", "Action", "QueryType", "ResponseCode",
        "Domain", "Categories", "Most Granular Identity Type", "Identity Types", "Blocked Categories", "Rule Id", "Destination Countries",
    ];

    protected override bool LooksLikeHeader(string text) =>
        text.TrimStart('\uFEFF', ' ', '"').StartsWith("Timestamp", StringComparison.OrdinalIgnoreCase);

    protected override string? MissingColumns(CsvTable table) => Require(table,
        ("Timestamp", ["Timestamp"]), ("Action", ["Action"]), ("Domain", ["Domain"]));

    protected override VendorRecord? Map(CsvTable table, string[] cells, AdapterContext context, int index, out RecordError? error)
    {
        if (cells.Length < 9 && table.Header.Count == PositionalHeader.Count)
        {
            error = new RecordError(index, "row", $"An Umbrella DNS row has at least 9 columns (Timestamp … Domain); this one has {cells.Length}.");
            return null;
        }
        var timestamp = CsvTable.Cell(cells, table.Column("Timestamp"));
        if (!Text.TryParseTime(timestamp, context, context.Zone, out var utc, out var local, out var zone))
        {
            error = new RecordError(index, "Timestamp", $"'{Text.Excerpt(timestamp, 40)}' is not a 'yyyy-MM-dd HH:mm:ss' time (UTC, or the source's time zone).");
            return null;
        }
        var action = CsvTable.Cell(cells, table.Column("Action"))?.ToLowerInvariant() switch
        {
            "blocked" => FilterActions.Blocked,
            "allowed" => FilterActions.Allowed,
            _ => null,
        };
        if (action is null)
        {
            error = new RecordError(index, "Action", "Action must be Allowed or Blocked.");
            return null;
        }
        var domain = CsvTable.Cell(cells, table.Column("Domain"))?.TrimEnd('.');
        if (domain is null)
        {
            error = new RecordError(index, "Domain", "Domain is empty.");
            return null;
        }
        var identity = CsvTable.Cell(cells, table.Column("Most Granular Identity"));
        var identityType = CsvTable.Cell(cells, table.Column("Most Granular Identity Type")) ?? "";
        var isUser = identityType.Contains("user", StringComparison.OrdinalIgnoreCase);
        var categories = action == FilterActions.Blocked && CsvTable.Cell(cells, table.Column("Blocked Categories")) is { } blockedCategories
            ? blockedCategories : CsvTable.Cell(cells, table.Column("Categories"));
        var ip = CsvTable.Cell(cells, table.Column("Internal Ip"));
        error = null;
        return new VendorRecord
        {
            OccurredAt = utc,
            VendorLocalTime = local,
            VendorTimeZone = zone,
            Product = "Umbrella DNS",
            User = isUser ? identity : null,
            DeviceName = isUser ? null : identity,
            Group = identityType.Length > 0 && !isUser ? identityType : null,
            Ip = Text.IsIp(ip) ? ip : null,
            Action = action,
            Url = domain,
            Host = domain,
            Categories = Text.Labels(categories),
        };
    }
}
