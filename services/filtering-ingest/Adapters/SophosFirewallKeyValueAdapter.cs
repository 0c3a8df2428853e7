using TrustSafety.FilteringIngest.Canonical;

namespace TrustSafety.FilteringIngest.Adapters;

/// <summary>
/// Sophos Firewall (SFOS, formerly XG) web filter log over syslog, key=value as in Sophos' "Log file details" guide:
/// <c>log_type="Content Filtering" log_component="HTTP" log_subtype="Denied|Allowed|Warned"</c> with <c>date time
/// timezone user_name user_gp src_ip url domain category category_type priority</c>. Other log types are refused by name.
/// </summary>
public sealed class SophosFirewallKeyValueAdapter : LineAdapter
{
    public const string FormatName = "sophos-firewall-kv";
    public const string CategoryVendor = "sophos";
    public override string Format => FormatName;
    public override string Vendor => CategoryVendor;

    public override VendorRecord? ParseLine(string line, AdapterContext context, out RecordError? error, int index = 0)
    {
        error = null;
        RecordError Fail(string field, string reason) => new(index, field, reason, Text.Excerpt(line));
        if (!KeyValueLine.TryParse(line, out var f, out var problem))
        {
            error = Fail("line", problem + " Expected Sophos Firewall key=value fields.");
            return null;
        }
        var logType = Text.Blank(f.GetValueOrDefault("log_type"));
        if (logType is null)
        {
            error = Fail("log_type", "log_type is missing: expected a Sophos Firewall log line (log_type=\"Content Filtering\").");
            return null;
        }
        if (!logType.Equals("Content Filtering", StringComparison.OrdinalIgnoreCase))
        {
            error = Fail("log_type", $"Log type '{Text.Excerpt(logType, 30)}' is not read: send the web filter log (Content Filtering).");
            return null;
        }
        var subtype = Text.Blank(f.GetValueOrDefault("log_subtype"));
        var action = subtype?.ToLowerInvariant() switch
        {
            "denied" or "blocked" => FilterActions.Blocked,
            "allowed" => FilterActions.Allowed,
            "warned" or "warn" or "proceeded" => FilterActions.Warned,
            _ => null,
        };
        if (action is null)
        {
            error = Fail("log_subtype", $"'{Text.Excerpt(subtype, 30)}' is not Denied, Allowed or Warned.");
            return null;
        }
        var date = Text.Blank(f.GetValueOrDefault("date"));
        var time = Text.Blank(f.GetValueOrDefault("time"));
        var tz = Text.Blank(f.GetValueOrDefault("timezone"));
        DateTimeOffset utc;
        string? local, zone;
        if (date is not null && time is not null)
        {
            if (!Text.TryParseTime(tz is null ? $"{date} {time}" : $"{date} {time} {tz}", context, context.Zone, out utc, out local, out zone))
            {
                error = Fail("date", $"'{Text.Excerpt($"{date} {time} {tz}", 40)}' is not a Sophos date=YYYY-MM-DD time=HH:MM:SS [timezone].");
                return null;
            }
        }
        else if (!Text.FromHeader(context, out utc, out local, out zone))
        {
            error = Fail("date", "No usable time: give date=YYYY-MM-DD time=HH:MM:SS (and timezone=).");
            return null;
        }
        var url = Text.Blank(f.GetValueOrDefault("url"));
        var ip = Text.Blank(f.GetValueOrDefault("src_ip"));
        var category = Text.Blank(f.GetValueOrDefault("category"));
        var priority = Text.Blank(f.GetValueOrDefault("priority"));
        var logId = Text.Blank(f.GetValueOrDefault("log_id")) ?? Text.Blank(f.GetValueOrDefault("messageid"));
        var connection = Text.Blank(f.GetValueOrDefault("con_id"));
        return new VendorRecord
        {
            OccurredAt = utc,
            VendorLocalTime = local,
            VendorTimeZone = zone,
            SourceEventId = connection is null ? null : $"{f.GetValueOrDefault("device_id")}/{logId}/{connection}/{date} {time}",
            Product = "Sophos Firewall",
            User = Text.Blank(f.GetValueOrDefault("user_name")),
            Group = Text.Blank(f.GetValueOrDefault("user_gp")) ?? Text.Blank(f.GetValueOrDefault("user_group")),
            Ip = Text.IsIp(ip) ? ip : null,
            Action = action,
            Url = url,
            Host = Text.Blank(f.GetValueOrDefault("domain")) ?? Text.HostOf(url),
            Application = Text.Blank(f.GetValueOrDefault("application")),
            Categories = category is null ? [] : [new VendorCategory(null, category)],
            // priority is the syslog level (almost always Information), not a risk: severity comes from the category.
            VendorSeverity = priority,
            RawDigest = Text.Digest(line),
        };
    }
}
