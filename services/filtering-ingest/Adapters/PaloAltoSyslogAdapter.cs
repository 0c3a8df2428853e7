using System.Text;
using System.Text.RegularExpressions;
using TrustSafety.FilteringIngest.Canonical;
using TrustSafety.FilteringIngest.Normalisation;

namespace TrustSafety.FilteringIngest.Adapters;

/// <summary>
/// Palo Alto Networks PAN-OS THREAT log over syslog, default (comma-separated) format: subtype <c>url</c> (URL
/// filtering) and the threat subtypes (virus, spyware, vulnerability, wildfire-virus, …). Fields by position, as in the
/// PAN-OS "Threat Log Fields" reference: 1 Receive Time, 3 Type, 4 Threat/Content Type, 6 Generated Time, 7 Source
/// Address, 12 Source User, 14 Application, 22 Session ID, 30 Action, 31 URL/Filename, 32 Threat ID, 33 Category,
/// 34 Severity, 36 Sequence Number. Later fields are not read (each firmware adds columns at the end, so their positions
/// differ). A syslog header before the record is skipped.
/// </summary>
public sealed partial class PaloAltoSyslogAdapter : LineAdapter
{
    public const string FormatName = "paloalto-syslog";
    public const string CategoryVendor = "palo-alto";
    public override string Format => FormatName;
    public override string Vendor => CategoryVendor;

    private const int ReceiveTime = 1, Serial = 2, Type = 3, Subtype = 4, GeneratedTime = 6, SourceAddress = 7, SourceUser = 12,
        Application = 14, SessionId = 22, Action = 30, Misc = 31, ThreatId = 32, Category = 33, Severity = 34, SequenceNumber = 36;

    [GeneratedRegex(@"\d*,\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2},", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex RecordStart();

    public override VendorRecord? ParseLine(string line, AdapterContext context, out RecordError? error, int index = 0)
    {
        error = null;
        RecordError Fail(string field, string reason) => new(index, field, reason, Text.Excerpt(line));
        Match start;
        try { start = RecordStart().Match(line); }
        catch (RegexMatchTimeoutException) { error = Fail("line", "The line is not a PAN-OS log record."); return null; }
        if (!start.Success)
        {
            error = Fail("line", "Not a PAN-OS log record: expected FUTURE_USE,Receive Time (yyyy/MM/dd HH:mm:ss),Serial,THREAT,… .");
            return null;
        }
        if (!TrySplit(line[start.Index..], out var f))
        {
            error = Fail("line", "A quoted field is not closed.");
            return null;
        }
        if (f.Count <= SequenceNumber)
        {
            error = Fail("line", $"A PAN-OS THREAT record has at least {SequenceNumber + 1} fields; this one has {f.Count}.");
            return null;
        }
        if (!f[Type].Equals("THREAT", StringComparison.OrdinalIgnoreCase))
        {
            error = Fail("type", $"Log type '{Text.Excerpt(f[Type], 20)}' is not read: send the THREAT log (URL filtering and threats).");
            return null;
        }
        var action = ActionOf(f[Action]);
        if (action is null)
        {
            error = Fail("action", $"'{Text.Excerpt(f[Action], 30)}' is not a PAN-OS action (alert, allow, block-url, block-continue, continue, override, drop, reset-…).");
            return null;
        }
        var generated = Text.Blank(f[GeneratedTime]) ?? Text.Blank(f[ReceiveTime]);
        if (!Text.TryParseTime(generated, context, context.Zone, out var utc, out var local, out var zone))
        {
            error = Fail("generated_time", $"'{Text.Excerpt(generated, 30)}' is not a PAN-OS time (yyyy/MM/dd HH:mm:ss, in the firewall's time zone).");
            return null;
        }
        var subtype = f[Subtype].Trim().ToLowerInvariant();
        var isUrl = subtype == "url";
        var misc = Text.Blank(f[Misc]);
        var severity = Text.Blank(f[Severity]);
        var categories = new List<VendorCategory>();
        if (Text.Blank(f[Category]) is { } category && category is not "any" and not "not-resolved")
            categories.Add(new VendorCategory(null, category));
        if (!isUrl)
        {
            // A threat (virus, spyware, vulnerability, wildfire…) is malware whatever the session's URL category.
            categories.Insert(0, new VendorCategory(null, subtype));
        }
        var ip = Text.Blank(f[SourceAddress]);
        var user = Text.Blank(f[SourceUser]);
        var serial = Text.Blank(f[Serial]);
        var sequence = Text.Blank(f[SequenceNumber]);
        return new VendorRecord
        {
            OccurredAt = utc,
            VendorLocalTime = local,
            VendorTimeZone = zone,
            SourceEventId = serial is null || sequence is null ? null : $"{serial}/{sequence}",
            Product = isUrl ? "PAN-OS URL Filtering" : $"PAN-OS Threat Prevention ({subtype})",
            User = user is null ? null : user.Contains('\\') ? user[(user.LastIndexOf('\\') + 1)..] : user,
            Ip = Text.IsIp(ip) ? ip : null,
            Action = action,
            Url = isUrl ? misc : null,
            Host = isUrl ? Text.HostOf(misc) : null,
            Application = Text.Blank(f[Application]),
            Categories = categories,
            VendorSeverity = isUrl ? severity : $"{severity} ({Text.Excerpt(Text.Blank(f[ThreatId]), 80)})",
            // A URL record's severity is a fixed "informational" (the URL category says what it was); a threat's is its own.
            Severity = isUrl ? null : SeverityScales.PaloAlto(severity),
            RawDigest = Text.Digest(line),
        };
    }

    internal static string? ActionOf(string? action) => action?.Trim().ToLowerInvariant() switch
    {
        "alert" => FilterActions.Monitored,
        "allow" => FilterActions.Allowed,
        "continue" or "override" => FilterActions.Warned,
        "block-continue" or "block-override" => FilterActions.Warned,
        "block-url" or "block" or "deny" or "drop" or "drop-all-packets" or "reset-client" or "reset-server" or "reset-both"
            or "sinkhole" or "block-ip" or "override-lockout" => FilterActions.Blocked,
        _ => null,
    };

    /// <summary>PAN-OS CSV: fields separated by commas, a field with a comma or quote is double-quoted ("" inside).</summary>
    internal static bool TrySplit(string text, out List<string> fields)
    {
        fields = [];
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < text.Length && text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length) return false;
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    field.Append(text[i++]);
                }
                while (i < text.Length && text[i] != ',') i++;
            }
            else
            {
                while (i < text.Length && text[i] != ',') field.Append(text[i++]);
            }
            fields.Add(field.ToString());
            if (i >= text.Length) return true;
            i++;
        }
    }
}
