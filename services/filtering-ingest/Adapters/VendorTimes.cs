using System.Globalization;
using System.Text.RegularExpressions;

namespace TrustSafety.FilteringIngest.Adapters;

/// <summary>One way a vendor writes a time: the .NET patterns that read it (none for Unix numbers), an example, who sends it.</summary>
public sealed record VendorTimeFormat(string Name, string Example, string UsedBy, string[] Patterns, bool YearLess = false);

/// <summary>A vendor time read: the instant, the text as written, the zone it was read in (null when it carried its own offset).</summary>
public sealed record VendorTime(DateTimeOffset Utc, string Local, string? Zone, string Format);

/// <summary>
/// Every time format the supported vendor formats allow, in one list (the tests are table-driven over it). A time with
/// a zone (Z, an offset, an abbreviation such as BST, or an IANA id) is exact; without one it is local time in the
/// source's configured zone. Local times that a clock change makes skipped or repeated are resolved as
/// <see cref="Resolve"/> says. A year-less time (RFC 3164, CEF "MMM dd HH:mm:ss") takes the year that puts it nearest
/// the time of receipt, so a "Dec 31 23:59:59" line received on 1 January belongs to the year before.
/// </summary>
public static partial class VendorTimes
{
    private const string Fraction = ".FFFFFFF";

    public static readonly IReadOnlyList<VendorTimeFormat> Formats =
    [
        new("unix-seconds", "1795262400", "FortiOS eventtime (FortiOS 6.0), Squid %ts.%03tu (1795262400.123)", []),
        new("unix-milliseconds", "1795262400000", "CEF rt/end/start, FortiOS eventtime", []),
        new("unix-microseconds", "1795262400000000", "FortiOS eventtime", []),
        new("unix-nanoseconds", "1795262400000000000", "FortiOS eventtime (FortiOS 6.2+)", []),
        new("rfc3339", "2026-11-21T12:00:00.123456Z", "RFC 5424 header, Google Alert Center, Microsoft Graph, canonical-json, CSV exports",
            ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss" + Fraction, "yyyy-MM-dd'T'HH:mm"]),
        new("iso-date-space-time", "2026-11-21 12:00:00", "FortiOS date= time=, Umbrella, Smoothwall, Lightspeed CSV",
            ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss" + Fraction, "yyyy-MM-dd HH:mm", "yyyy/MM/dd HH:mm:ss", "yyyy/MM/dd HH:mm"]),
        new("iso-date", "2026-11-21", "CSV exports with a date only", ["yyyy-MM-dd"]),
        new("uk-date-time", "21/11/2026 12:00:00", "Smoothwall and Lightspeed CSV exports (UK locale)",
            ["dd/MM/yyyy HH:mm:ss", "d/M/yyyy H:mm:ss", "dd/MM/yyyy HH:mm", "d/M/yyyy H:mm", "dd/MM/yyyy HH:mm:ss" + Fraction,
             "dd-MM-yyyy HH:mm:ss", "dd-MM-yyyy HH:mm", "dd.MM.yyyy HH:mm:ss"]),
        new("uk-date-time-12-hour", "21/11/2026 12:00:00 PM", "Lightspeed CSV exports (12-hour clock)",
            ["dd/MM/yyyy hh:mm:ss tt", "d/M/yyyy h:mm:ss tt", "dd/MM/yyyy hh:mm tt", "d/M/yyyy h:mm tt"]),
        new("uk-date", "21/11/2026", "CSV exports with a date only", ["dd/MM/yyyy", "d/M/yyyy"]),
        new("cef-with-year", "Nov 21 2026 12:00:00.123 UTC", "CEF rt/end/start (MMM dd yyyy HH:mm:ss[.SSS][ zzz])",
            ["MMM d yyyy HH:mm:ss", "MMM d yyyy HH:mm:ss" + Fraction]),
        new("year-less", "Nov 21 12:00:00", "RFC 3164 header, CEF rt/end/start (MMM dd HH:mm:ss[.SSS][ zzz])",
            ["MMM d HH:mm:ss", "MMM d HH:mm:ss" + Fraction], YearLess: true),
        new("common-log", "21/Nov/2026:12:00:00 +0000", "Squid common / combined logformat (%tl, %tg)",
            ["dd/MMM/yyyy:HH:mm:ss", "d/MMM/yyyy:HH:mm:ss"]),
    ];

    /// <summary>Zone abbreviations vendors write after a time (CEF "zzz"); ambiguous ones (IST, CST in China) are not guessed.</summary>
    public static readonly IReadOnlyDictionary<string, TimeSpan> Abbreviations = new Dictionary<string, TimeSpan>(StringComparer.OrdinalIgnoreCase)
    {
        ["UTC"] = TimeSpan.Zero, ["UT"] = TimeSpan.Zero, ["GMT"] = TimeSpan.Zero, ["Z"] = TimeSpan.Zero, ["WET"] = TimeSpan.Zero,
        ["BST"] = TimeSpan.FromHours(1), ["WEST"] = TimeSpan.FromHours(1), ["CET"] = TimeSpan.FromHours(1),
        ["CEST"] = TimeSpan.FromHours(2), ["EET"] = TimeSpan.FromHours(2), ["EEST"] = TimeSpan.FromHours(3),
        ["EST"] = TimeSpan.FromHours(-5), ["EDT"] = TimeSpan.FromHours(-4), ["CST"] = TimeSpan.FromHours(-6), ["CDT"] = TimeSpan.FromHours(-5),
        ["MST"] = TimeSpan.FromHours(-7), ["MDT"] = TimeSpan.FromHours(-6), ["PST"] = TimeSpan.FromHours(-8), ["PDT"] = TimeSpan.FromHours(-7),
    };

    [GeneratedRegex(@"^(?<time>.*\d)\s*(?<sign>[+-])(?<h>\d{2}):?(?<m>\d{2})$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NumericOffset();

    [GeneratedRegex(@"^(?:GMT|UTC)(?<sign>[+-])(?<h>\d{1,2})(?::?(?<m>\d{2}))?$", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NamedOffset();

    [GeneratedRegex(@"^\d{1,20}(\.\d{1,9})?$", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex UnixNumber();

    /// <summary>Reads a vendor time. <paramref name="allowUnix"/>: whether a bare number is Unix time in this field.</summary>
    public static bool TryParse(string? raw, TimeZoneInfo sourceZone, DateTimeOffset receivedAt, bool allowUnix, out VendorTime time)
    {
        time = null!;
        var value = raw?.Trim();
        if (string.IsNullOrEmpty(value) || value.Length > 64) return false;
        value = string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        if (UnixNumber().IsMatch(value))
        {
            if (!allowUnix || !TryParseUnix(value, out var utc, out var unixFormat)) return false;
            time = new VendorTime(utc, value, null, unixFormat);
            return true;
        }

        var (text, offset, zone, zoneName) = SplitZone(value);
        if (text is null) return false;
        foreach (var format in Formats)
        {
            if (format.Patterns.Length == 0) continue;
            if (!TryReadLocal(text, format, out var local)) continue;
            if (format.YearLess && !TryChooseYear(local, offset, zone ?? sourceZone, receivedAt, out local)) return false;
            var utc = offset is { } fixedOffset
                ? new DateTimeOffset(local, fixedOffset).ToUniversalTime()
                : Resolve(local, zone ?? sourceZone);
            time = new VendorTime(utc, value, offset is null ? (zone ?? sourceZone).Id : zoneName, format.Name);
            return true;
        }
        return false;
    }

    /// <summary>
    /// Local time → UTC in a zone with clock changes. A skipped local time (Europe/London, last Sunday of March,
    /// 01:00–02:00) is read with the offset in force before the change, so 01:30 is 01:30 UTC (02:30 BST): a device
    /// that missed the change is still placed right. A repeated local time (last Sunday of October, 01:00–02:00 happens
    /// twice) is read as its first occurrence (BST, the larger offset): the vendor cannot tell us which, and the record
    /// keeps its local time and zone, so a DSL can see it was ambiguous.
    /// </summary>
    public static DateTimeOffset Resolve(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsInvalidTime(local)) offset = zone.GetUtcOffset(local.AddHours(-3));
        else if (zone.IsAmbiguousTime(local)) offset = zone.GetAmbiguousTimeOffsets(local).Max();
        else offset = zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>Unix time in seconds, milliseconds, microseconds or nanoseconds, told apart by size (FortiOS uses all four).</summary>
    public static bool TryParseUnix(string? raw, out DateTimeOffset utc, out string format)
    {
        utc = default;
        format = "";
        if (string.IsNullOrWhiteSpace(raw)
            || !decimal.TryParse(raw.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) || number <= 0)
            return false;
        string[] names = ["unix-seconds", "unix-milliseconds", "unix-microseconds", "unix-nanoseconds"];
        var seconds = number;
        var scale = 0;
        while (seconds > 100_000_000_000m && scale < 3) { seconds /= 1000m; scale++; }
        if (seconds > 100_000_000_000m) return false;
        utc = DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000m));
        format = names[scale];
        return true;
    }

    private static (string? Text, TimeSpan? Offset, TimeZoneInfo? Zone, string? ZoneName) SplitZone(string value)
    {
        if (value.Length > 1 && (value[^1] is 'Z' or 'z') && char.IsAsciiDigit(value[^2])) return (value[..^1], TimeSpan.Zero, null, "Z");
        if (value.Contains(':') && NumericOffset().Match(value) is { Success: true } numeric)
            return Offset(numeric, numeric.Groups["time"].Value, numeric.Value[numeric.Groups["time"].Length..].Trim());
        var space = value.LastIndexOf(' ');
        if (space < 0) return (value, null, null, null);
        var (head, token) = (value[..space], value[(space + 1)..]);
        if (Abbreviations.TryGetValue(token, out var abbreviated)) return (head, abbreviated, null, token.ToUpperInvariant());
        if (NamedOffset().Match(token) is { Success: true } named) return Offset(named, head, token);
        if (token.Contains('/') && char.IsAsciiLetter(token[0]))
            return SourceZones.Find(token) is { } iana ? (head, null, iana, iana.Id) : (null, null, null, null);
        return (value, null, null, null);
    }

    private static (string?, TimeSpan?, TimeZoneInfo?, string?) Offset(Match m, string head, string name)
    {
        var hours = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minutes = m.Groups["m"].Success ? int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        if (hours > 14 || minutes > 59) return (null, null, null, null);
        var offset = new TimeSpan(hours, minutes, 0);
        return (head, m.Groups["sign"].Value == "-" ? -offset : offset, null, name);
    }

    private static bool TryReadLocal(string text, VendorTimeFormat format, out DateTime local)
    {
        // A year-less pattern is read against a leap year so 29 February parses; the real year is chosen after.
        var (input, patterns) = format.YearLess ? ("2000 " + text, format.Patterns.Select(p => "yyyy " + p).ToArray()) : (text, format.Patterns);
        return DateTime.TryParseExact(input, patterns, CultureInfo.InvariantCulture, DateTimeStyles.None, out local);
    }

    /// <summary>The year (receipt's, the one before or the one after) that puts a year-less local time nearest the receipt.</summary>
    private static bool TryChooseYear(DateTime parsed, TimeSpan? offset, TimeZoneInfo zone, DateTimeOffset receivedAt, out DateTime chosen)
    {
        chosen = default;
        var best = TimeSpan.MaxValue;
        var year = TimeZoneInfo.ConvertTime(receivedAt, zone).Year;
        for (var y = year - 1; y <= year + 1; y++)
        {
            if (parsed.Month == 2 && parsed.Day == 29 && !DateTime.IsLeapYear(y)) continue;
            var candidate = new DateTime(y, parsed.Month, parsed.Day, parsed.Hour, parsed.Minute, parsed.Second).AddTicks(parsed.Ticks % TimeSpan.TicksPerSecond);
            var utc = offset is { } o ? new DateTimeOffset(candidate, o) : Resolve(candidate, zone);
            var distance = (utc - receivedAt).Duration();
            if (distance < best) (best, chosen) = (distance, candidate);
        }
        return best != TimeSpan.MaxValue;
    }
}
