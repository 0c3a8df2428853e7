using System.Text;
using TrustSafety.FilteringIngest.Canonical;
using TrustSafety.FilteringIngest.Normalisation;

namespace TrustSafety.FilteringIngest.Adapters;

/// <summary>
/// ArcSight CEF (FortiGate's mapping and generic): optional syslog prefix, seven '|' header fields, then an
/// extension whose values run to the next " key=" (values hold spaces; \= \\ \| escapes).
/// </summary>
public sealed class CefAdapter : LineAdapter
{
    public const string FormatName = "cef";
    public override string Format => FormatName;
    public override string Vendor => "cef";

    public override VendorRecord? ParseLine(string line, AdapterContext context, out RecordError? error, int index = 0)
    {
        error = null;
        var start = line.IndexOf("CEF:", StringComparison.Ordinal);
        if (start < 0)
        {
            error = new RecordError(index, "line", "No 'CEF:' header found.", Text.Excerpt(line));
            return null;
        }
        var body = line[(start + 4)..].TrimStart();
        var header = SplitHeader(body, out var extensionText);
        if (header is null)
        {
            error = new RecordError(index, "header", "A CEF header needs Version|Vendor|Product|Version|Class ID|Name|Severity| before the extension.", Text.Excerpt(line));
            return null;
        }
        if (!int.TryParse(header[0], System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            error = new RecordError(index, "version", $"CEF version '{Text.Excerpt(header[0], 20)}' is not a number.", Text.Excerpt(line));
            return null;
        }
        var ext = Extension(extensionText);
        var deviceVendor = header[1];
        var isFortinet = deviceVendor.Contains("Fortinet", StringComparison.OrdinalIgnoreCase);
        var action = FortiGateKeyValueAdapter.Action(ext.GetValueOrDefault("act"), ext.GetValueOrDefault("FTNTFGTeventtype"))
            ?? ActionFromName(header[5]);
        if (action is null)
        {
            error = new RecordError(index, "act", "Missing or unknown 'act' (blocked, allowed, passthrough, warning, monitored…).", Text.Excerpt(line));
            return null;
        }
        if (!Time(ext, line[..start], context, out var utc, out var local, out var zone))
        {
            error = new RecordError(index, "rt", "No usable time: give rt/end/start (epoch ms, or 'MMM dd [yyyy] HH:mm:ss[.SSS][ zone]') or FTNTFGTeventtime, or send it with a syslog header.", Text.Excerpt(line));
            return null;
        }
        var host = Text.Blank(ext.GetValueOrDefault("dhost"));
        var request = Text.Blank(ext.GetValueOrDefault("request"));
        var url = host is not null && request is not null && request.StartsWith('/') ? host + request : request ?? host;
        var catId = Text.Blank(ext.GetValueOrDefault("FTNTFGTcat"));
        var catLabel = Text.Blank(ext.GetValueOrDefault("FTNTFGTcatdesc")) ?? Text.Blank(ext.GetValueOrDefault("requestContext"))
            ?? Text.Blank(ext.GetValueOrDefault("cat"));
        var crLevel = Text.Blank(ext.GetValueOrDefault("FTNTFGTcrlevel"));
        var ip = Text.Blank(ext.GetValueOrDefault("src"));
        var externalId = Text.Blank(ext.GetValueOrDefault("externalId")) ?? Text.Blank(ext.GetValueOrDefault("eventId"));
        return new VendorRecord
        {
            OccurredAt = utc,
            VendorLocalTime = local,
            VendorTimeZone = zone,
            SourceEventId = externalId is null ? null : $"{header[1]}/{header[2]}/{externalId}/{ext.GetValueOrDefault("rt") ?? ext.GetValueOrDefault("FTNTFGTeventtime")}",
            Product = $"{header[1]} {header[2]}".Trim(),
            User = Text.Blank(ext.GetValueOrDefault("duser")) ?? Text.Blank(ext.GetValueOrDefault("suser")),
            Group = Text.Blank(ext.GetValueOrDefault("FTNTFGTgroup")),
            DeviceName = Text.Blank(ext.GetValueOrDefault("shost")) ?? Text.Blank(ext.GetValueOrDefault("FTNTFGTsrcname")),
            Ip = Text.IsIp(ip) ? ip : null,
            Mac = Text.Blank(ext.GetValueOrDefault("smac")),
            Action = action,
            Url = url,
            Host = host ?? Text.HostOf(request),
            Categories = catId is null && catLabel is null ? [] : [new VendorCategory(catId, catLabel)],
            CategoryVendor = isFortinet ? FortiGateKeyValueAdapter.CategoryVendor : null,
            VendorSeverity = crLevel ?? header[6],
            Severity = isFortinet && crLevel is not null ? SeverityScales.FortiGateCrLevel(crLevel) : SeverityScales.Cef(header[6]),
            RawDigest = Text.Digest(line),
        };
    }

    private static string? ActionFromName(string name) =>
        name.Contains("block", StringComparison.OrdinalIgnoreCase) || name.Contains("denied", StringComparison.OrdinalIgnoreCase)
            ? FilterActions.Blocked : null;

    /// <summary>Seven header fields after "CEF:"; '|' inside a field is escaped as "\|".</summary>
    internal static string[]? SplitHeader(string text, out string extension)
    {
        var fields = new List<string>(7);
        var sb = new StringBuilder();
        var i = 0;
        for (; i < text.Length && fields.Count < 7; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && text[i + 1] is '|' or '\\') { sb.Append(text[i + 1]); i++; continue; }
            if (c == '|') { fields.Add(sb.ToString()); sb.Clear(); continue; }
            sb.Append(c);
        }
        extension = i <= text.Length ? text[i..] : "";
        return fields.Count == 7 ? fields.ToArray() : null;
    }

    internal static Dictionary<string, string> Extension(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var keys = new List<(int KeyStart, int EqualsAt)>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '=' || (i > 0 && text[i - 1] == '\\')) continue;
            var k = i - 1;
            while (k >= 0 && IsKeyChar(text[k])) k--;
            if (k + 1 == i) continue;
            if (k >= 0 && text[k] != ' ') continue;
            keys.Add((k + 1, i));
        }
        for (var n = 0; n < keys.Count; n++)
        {
            var (keyStart, equalsAt) = keys[n];
            var valueEnd = n + 1 < keys.Count ? keys[n + 1].KeyStart : text.Length;
            var value = text[(equalsAt + 1)..valueEnd].TrimEnd();
            result[text[keyStart..equalsAt]] = Unescape(value);
        }
        return result;
    }

    private static bool IsKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '[' or ']' or '-';

    private static string Unescape(string value)
    {
        if (!value.Contains('\\')) return value;
        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                var next = value[i + 1];
                sb.Append(next switch { 'n' => '\n', 'r' => '\r', _ => next });
                i++;
            }
            else sb.Append(value[i]);
        }
        return sb.ToString();
    }

    /// <summary>rt, end, start (epoch ms or the CEF date forms, with or without a zone), FTNTFGTeventtime, then the syslog header.</summary>
    private static bool Time(Dictionary<string, string> ext, string prefix, AdapterContext context, out DateTimeOffset utc, out string? local, out string? zone)
    {
        foreach (var key in new[] { "rt", "end", "start", "FTNTFGTeventtime" })
        {
            var value = Text.Blank(ext.GetValueOrDefault(key));
            if (value is not null && Text.TryParseTime(value, context, context.Zone, out utc, out local, out zone, allowUnix: true)) return true;
        }
        // A line sent over HTTP may keep its syslog header ("<134>Nov 21 12:00:00 fgt CEF:0|…").
        if (context.HeaderTime is null && prefix.Length > 0) context = ReceivingSyslog.SyslogMessage.Parse(prefix).WithHeaderTime(context);
        return Text.FromHeader(context, out utc, out local, out zone);
    }
}
