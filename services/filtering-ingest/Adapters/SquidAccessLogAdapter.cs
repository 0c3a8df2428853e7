using System.Globalization;
using System.Text.RegularExpressions;
using TrustSafety.FilteringIngest.Canonical;

namespace TrustSafety.FilteringIngest.Adapters;

/// <summary>
/// Squid native access.log: <c>time elapsed client code/status bytes method url user hierarchy/peer type</c>; also the
/// <c>common</c> and <c>combined</c> logformats (<c>client ident user [dd/MMM/yyyy:HH:mm:ss zone] "method url HTTP/v"
/// status bytes ["referer" "agent"] code:hierarchy</c>).
/// Squid has no categories: the source's category map (host suffix → label, from squidGuard / e2guardian) supplies them.
/// </summary>
public sealed partial class SquidAccessLogAdapter : LineAdapter
{
    [GeneratedRegex("""^(?<ip>\S+) (?<ident>\S+) (?<user>\S+) \[(?<time>[^\]]+)\] "(?<method>\S+) (?<url>\S+)(?: [^"]*)?" (?<status>\d{3}) (?<bytes>\d+|-)(?: "[^"]*" "[^"]*")?(?: (?<code>[A-Za-z_]+):(?<hier>\S+))?\s*$""", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex CommonLogLine();

    public const string FormatName = "squid";
    public override string Format => FormatName;
    public override string Vendor => "squid";

    public override VendorRecord? ParseLine(string line, AdapterContext context, out RecordError? error, int index = 0)
    {
        error = null;
        if (CommonLogLine().Match(line) is { Success: true } common) return ParseCommon(common, line, context, index, out error);
        var parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 7)
        {
            error = new RecordError(index, "line", $"A Squid access.log line has at least 7 fields (time elapsed client code/status bytes method url …); this one has {parts.Length}.", Text.Excerpt(line));
            return null;
        }
        if (!decimal.TryParse(parts[0], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _) || !Text.TryParseUnix(parts[0], out var utc))
        {
            error = new RecordError(index, "time", $"'{Text.Excerpt(parts[0], 30)}' is not Unix seconds.millis.", Text.Excerpt(line));
            return null;
        }
        var codeStatus = parts[3].Split('/');
        if (codeStatus.Length != 2)
        {
            error = new RecordError(index, "code/status", $"'{Text.Excerpt(parts[3], 40)}' should look like TCP_DENIED/403.", Text.Excerpt(line));
            return null;
        }
        var blocked = codeStatus[0].Contains("DENIED", StringComparison.OrdinalIgnoreCase) || codeStatus[1] == "403";
        var url = parts[6];
        var host = Text.HostOf(url.Contains(':') && !url.Contains("://") ? url.Split(':')[0] : url);
        var user = parts.Length > 7 ? Text.Blank(parts[7]) : null;
        var label = host is null ? null : Categorise(host, context.CategoryMap);
        var ip = parts[2];
        return new VendorRecord
        {
            OccurredAt = utc,
            Product = "Squid",
            User = user,
            Ip = Text.IsIp(ip) ? ip : null,
            Action = blocked ? FilterActions.Blocked : FilterActions.Allowed,
            Url = url,
            Host = host,
            Categories = label is null ? [] : [new VendorCategory(null, label)],
            VendorSeverity = codeStatus[0] + "/" + codeStatus[1],
            RawDigest = Text.Digest(line),
        };
    }

    private static VendorRecord? ParseCommon(Match m, string line, AdapterContext context, int index, out RecordError? error)
    {
        error = null;
        if (!Text.TryParseTime(m.Groups["time"].Value, context, context.Zone, out var utc, out var local, out var zone))
        {
            error = new RecordError(index, "time", $"'{Text.Excerpt(m.Groups["time"].Value, 40)}' is not a [dd/MMM/yyyy:HH:mm:ss zone] time.", Text.Excerpt(line));
            return null;
        }
        var code = m.Groups["code"].Success ? m.Groups["code"].Value : null;
        var status = m.Groups["status"].Value;
        var url = m.Groups["url"].Value;
        var host = Text.HostOf(url.Contains(':') && !url.Contains("://") ? url.Split(':')[0] : url);
        var label = host is null ? null : Categorise(host, context.CategoryMap);
        var ip = m.Groups["ip"].Value;
        return new VendorRecord
        {
            OccurredAt = utc,
            VendorLocalTime = local,
            VendorTimeZone = zone,
            Product = "Squid",
            User = Text.Blank(m.Groups["user"].Value) ?? Text.Blank(m.Groups["ident"].Value),
            Ip = Text.IsIp(ip) ? ip : null,
            Action = status == "403" || code?.Contains("DENIED", StringComparison.OrdinalIgnoreCase) == true ? FilterActions.Blocked : FilterActions.Allowed,
            Url = url,
            Host = host,
            Categories = label is null ? [] : [new VendorCategory(null, label)],
            VendorSeverity = code is null ? status : code + "/" + status,
            RawDigest = Text.Digest(line),
        };
    }

    internal static string? Categorise(string host, IReadOnlyDictionary<string, string> map)
    {
        for (var h = host.ToLowerInvariant(); h.Length > 0;)
        {
            if (map.TryGetValue(h, out var label)) return label;
            var dot = h.IndexOf('.');
            if (dot < 0) break;
            h = h[(dot + 1)..];
        }
        return null;
    }
}
