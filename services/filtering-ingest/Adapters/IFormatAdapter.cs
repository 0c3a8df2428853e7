using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TrustSafety.FilteringIngest.Canonical;

namespace TrustSafety.FilteringIngest.Adapters;

/// <summary>Per-source settings an adapter may need (time zone of naive vendor times, Squid category mapping).</summary>
public sealed record AdapterContext(TimeZoneInfo Zone, IReadOnlyDictionary<string, string> CategoryMap)
{
    /// <summary>The clock plausibility checks read ("not more than a day in the future").</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public static readonly AdapterContext Default = new(SourceZones.London, new Dictionary<string, string>());
}

public static class SourceZones
{
    public static readonly TimeZoneInfo London = Find("Europe/London") ?? TimeZoneInfo.Utc;

    public static TimeZoneInfo? Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return null;
        try { return TimeZoneInfo.FindSystemTimeZoneById(id); }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException) { return null; }
    }
}

/// <summary>Turns one vendor's body (bytes as received) into vendor records, or says exactly which record is wrong and why.</summary>
public interface IFormatAdapter
{
    string Format { get; }
    string Vendor { get; }
    AdapterOutput Parse(ReadOnlySpan<byte> body, AdapterContext context);
}

/// <summary>A format whose records are single lines (syslog payloads): the listeners feed it one line at a time.</summary>
public interface ILineAdapter : IFormatAdapter
{
    VendorRecord? ParseLine(string line, AdapterContext context, out RecordError? error, int index = 0);
}

public abstract class LineAdapter : ILineAdapter
{
    public abstract string Format { get; }
    public abstract string Vendor { get; }

    public AdapterOutput Parse(ReadOnlySpan<byte> body, AdapterContext context)
    {
        var output = new AdapterOutput();
        string text;
        try { text = Text.StrictUtf8.GetString(body); }
        catch (DecoderFallbackException) { return AdapterOutput.Unusable("body", "The body is not valid UTF-8 text."); }
        var index = 0;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0) continue;
            var record = ParseLine(line, context, out var error, index);
            if (record is not null) output.Records.Add((index, record));
            else output.Errors.Add(error ?? new RecordError(index, "line", "The line could not be read.", Text.Excerpt(line)));
            index++;
        }
        if (output.Total == 0) output.BodyError = new RecordError(-1, "body", "The body holds no lines. Send one record per line.");
        return output;
    }

    public abstract VendorRecord? ParseLine(string line, AdapterContext context, out RecordError? error, int index = 0);
}

internal static class Text
{
    public static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static string Excerpt(string? raw, int max = 300) =>
        raw is null ? "" : raw.Length <= max ? raw : raw[..max] + "…";

    public static string Digest(string raw) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(raw)))[..32];

    public static string? Blank(string? value)
    {
        var v = value?.Trim();
        return string.IsNullOrEmpty(v) || v == "-" ? null : v;
    }

    public static string? HostOf(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        var candidate = url.Contains("://", StringComparison.Ordinal) ? url : "http://" + url;
        return Uri.TryCreate(candidate, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri.Host.TrimEnd('.') : null;
    }

    private static readonly string[] NaiveFormats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.fff", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.fff",
        "yyyy-MM-dd HH:mm", "dd/MM/yyyy HH:mm:ss", "dd/MM/yyyy HH:mm", "dd/MM/yyyy H:mm", "d/M/yyyy HH:mm:ss",
        "d/M/yyyy H:mm", "dd/MM/yyyy", "yyyy-MM-dd", "MMM d HH:mm:ss", "MMM dd HH:mm:ss", "MMM d yyyy HH:mm:ss",
        "MMM dd yyyy HH:mm:ss",
    ];

    /// <summary>
    /// A vendor time: with an offset or Z it is exact; without, it is the source's local time (kept, with the zone).
    /// </summary>
    public static bool TryParseTime(string? raw, TimeZoneInfo zone, out DateTimeOffset utc, out string? local, out string? zoneId)
    {
        utc = default; local = null; zoneId = null;
        var value = raw?.Trim();
        if (string.IsNullOrEmpty(value)) return false;
        var hasOffset = value.EndsWith('Z') || value.EndsWith('z')
            || (value.Length > 6 && (value[^6] is '+' or '-') && value[^3] == ':');
        if (hasOffset && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact))
        {
            utc = exact.ToUniversalTime();
            local = value;
            return true;
        }
        if (DateTime.TryParseExact(value, NaiveFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var naive)
            || DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out naive))
        {
            return FromLocal(DateTime.SpecifyKind(naive, DateTimeKind.Unspecified), zone, value, out utc, out local, out zoneId);
        }
        return false;
    }

    public static bool FromLocal(DateTime naive, TimeZoneInfo zone, string raw, out DateTimeOffset utc, out string? local, out string? zoneId)
    {
        local = raw;
        zoneId = zone.Id;
        try
        {
            var offset = zone.IsInvalidTime(naive) ? zone.BaseUtcOffset : zone.GetUtcOffset(naive);
            utc = new DateTimeOffset(naive, offset).ToUniversalTime();
            return true;
        }
        catch (ArgumentException)
        {
            utc = default;
            return false;
        }
    }

    /// <summary>Unix time in seconds, milliseconds, microseconds or nanoseconds (FortiOS uses all of them).</summary>
    public static bool TryParseUnix(string? raw, out DateTimeOffset utc)
    {
        utc = default;
        if (string.IsNullOrWhiteSpace(raw)) return false;
        if (decimal.TryParse(raw, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) && number > 0)
        {
            var seconds = number;
            while (seconds > 100_000_000_000m) seconds /= 1000m;
            if (seconds > 253_402_300_799m) return false;
            utc = DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000m));
            return true;
        }
        return false;
    }

    public static bool IsIp(string? value) => value is not null && System.Net.IPAddress.TryParse(value, out _);

    /// <summary>Splits a vendor's category list ("Gambling, Adult Content" or "a;b").</summary>
    public static IReadOnlyList<VendorCategory> Labels(string? cell) =>
        string.IsNullOrWhiteSpace(cell)
            ? []
            : cell.Split([',', ';', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(l => new VendorCategory(null, l)).ToArray();
}
