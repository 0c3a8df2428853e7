using TrustSafety.FilteringIngest.Canonical;
using TrustSafety.FilteringIngest.Normalisation;

namespace TrustSafety.FilteringIngest.Adapters;

/// <summary>FortiOS web-filter log (log id 0316013056 and friends) as key=value over syslog or HTTP.</summary>
public sealed class FortiGateKeyValueAdapter : LineAdapter
{
    public const string FormatName = "fortigate-kv";
    public override string Format => FormatName;
    public const string CategoryVendor = "fortinet";
    public override string Vendor => CategoryVendor;

    public override VendorRecord? ParseLine(string line, AdapterContext context, out RecordError? error, int index = 0)
    {
        error = null;
        if (!KeyValueLine.TryParse(line, out var f, out var problem))
        {
            error = new RecordError(index, "line", problem + " Expected FortiOS key=value fields.", Text.Excerpt(line));
            return null;
        }
        var action = Action(f.GetValueOrDefault("action"), f.GetValueOrDefault("eventtype"));
        if (action is null)
        {
            error = new RecordError(index, "action", "Missing or unknown 'action' (expected blocked, passthrough, allowed, warning, monitored…).", Text.Excerpt(line));
            return null;
        }
        if (!Time(f, context, out var utc, out var local, out var zone))
        {
            error = new RecordError(index, "eventtime", "No usable time: give eventtime (Unix) or date=YYYY-MM-DD time=HH:MM:SS.", Text.Excerpt(line));
            return null;
        }
        var host = Text.Blank(f.GetValueOrDefault("hostname"));
        var path = Text.Blank(f.GetValueOrDefault("url"));
        var url = host is null ? path : path is null ? host : path.StartsWith('/') ? host + path : path;
        var ip = Text.Blank(f.GetValueOrDefault("srcip"));
        var crLevel = Text.Blank(f.GetValueOrDefault("crlevel"));
        var sessionId = Text.Blank(f.GetValueOrDefault("sessionid"));
        var logId = Text.Blank(f.GetValueOrDefault("logid"));
        return new VendorRecord
        {
            OccurredAt = utc,
            VendorLocalTime = local,
            VendorTimeZone = zone,
            SourceEventId = sessionId is null ? null : $"{f.GetValueOrDefault("devid")}/{logId}/{sessionId}/{f.GetValueOrDefault("eventtime")}",
            Product = "FortiGate",
            User = Text.Blank(f.GetValueOrDefault("user")) ?? Text.Blank(f.GetValueOrDefault("unauthuser")),
            Group = Text.Blank(f.GetValueOrDefault("group")),
            DeviceName = Text.Blank(f.GetValueOrDefault("srcname")),
            Ip = Text.IsIp(ip) ? ip : null,
            Mac = Text.Blank(f.GetValueOrDefault("srcmac")),
            Action = action,
            Url = url,
            Host = host ?? Text.HostOf(path),
            Categories = Text.Blank(f.GetValueOrDefault("cat")) is null && Text.Blank(f.GetValueOrDefault("catdesc")) is null
                ? []
                : [new VendorCategory(Text.Blank(f.GetValueOrDefault("cat")), Text.Blank(f.GetValueOrDefault("catdesc")))],
            VendorSeverity = crLevel,
            Severity = SeverityScales.FortiGateCrLevel(crLevel),
            RawDigest = Text.Digest(line),
        };
    }

    internal static string? Action(string? action, string? eventType) => action?.Trim().ToLowerInvariant() switch
    {
        "blocked" or "block" or "deny" or "denied" or "dropped" => FilterActions.Blocked,
        "passthrough" or "pass" or "allowed" or "allow" or "accept" => eventType?.Contains("warn", StringComparison.OrdinalIgnoreCase) == true
            ? FilterActions.Warned : FilterActions.Allowed,
        "warning" or "warn" => FilterActions.Warned,
        "monitored" or "monitor" or "log-only" => FilterActions.Monitored,
        "redirected" or "redirect" => FilterActions.Blocked,
        _ => null,
    };

    /// <summary>eventtime (Unix s / ms / µs / ns, UTC) first; else date= time= in tz= or the source's zone; else the syslog header.</summary>
    private static bool Time(Dictionary<string, string> f, AdapterContext context, out DateTimeOffset utc, out string? local, out string? zone)
    {
        local = null; zone = null;
        var date = Text.Blank(f.GetValueOrDefault("date"));
        var time = Text.Blank(f.GetValueOrDefault("time"));
        if (date is not null && time is not null) local = $"{date} {time}";
        var tz = Text.Blank(f.GetValueOrDefault("tz"));
        if (Text.TryParseUnix(f.GetValueOrDefault("eventtime"), out utc))
        {
            zone = tz ?? (local is null ? null : context.Zone.Id);
            return true;
        }
        if (local is not null && Text.TryParseTime(tz is null ? local : $"{local} {tz}", context, context.Zone, out utc, out var read, out zone))
        {
            local = read;
            return true;
        }
        return Text.FromHeader(context, out utc, out local, out zone);
    }
}
