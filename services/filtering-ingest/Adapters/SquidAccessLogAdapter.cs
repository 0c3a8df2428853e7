using System.Globalization;
using TrustSafety.FilteringIngest.Canonical;

namespace TrustSafety.FilteringIngest.Adapters;

/// <summary>
/// Squid native access.log: <c>time elapsed client code/status bytes method url user hierarchy/peer type</c>.
/// Squid has no categories: the source's category map (host suffix → label, from squidGuard / e2guardian) supplies them.
/// </summary>
public sealed class SquidAccessLogAdapter : LineAdapter
{
    public const string FormatName = "squid";
    public override string Format => FormatName;
    public override string Vendor => "squid";

    public override VendorRecord? ParseLine(string line, AdapterContext context, out RecordError? error, int index = 0)
    {
        error = null;
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
