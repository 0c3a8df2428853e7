using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TrustSafety.FilteringIngest.Canonical;

namespace TrustSafety.FilteringIngest.Adapters;

/// <summary>Per-source settings an adapter may need (time zone of naive vendor times, Squid category mapping).</summary>
public sealed record AdapterContext(TimeZoneInfo Zone, IReadOnlyDictionary<string, string> CategoryMap)
{
    /// <summary>The clock of receipt: plausibility checks ("not more than a day in the future") and year-less times read it.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The syslog header's time (RFC 5424 or 3164), used when the record itself carries none.</summary>
    public VendorTime? HeaderTime { get; init; }

    public static readonly AdapterContext Default = new(SourceZones.London, new Dictionary<string, string>(StringComparer.Ordinal));
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
        if (text.StartsWith('\uFEFF')) text = text[1..];
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

    /// <summary>
    /// A vendor time (see <see cref="VendorTimes"/>): with a zone it is exact; without, it is local time in
    /// <paramref name="zone"/>; a year-less one is placed nearest the time of receipt (the context's clock).
    /// </summary>
    public static bool TryParseTime(string? raw, AdapterContext context, TimeZoneInfo zone, out DateTimeOffset utc, out string? local,
        out string? zoneId, bool allowUnix = false)
    {
        if (VendorTimes.TryParse(raw, zone, context.Time.GetUtcNow(), allowUnix, out var time))
        {
            (utc, local, zoneId) = (time.Utc, time.Local, time.Zone);
            return true;
        }
        (utc, local, zoneId) = (default, null, null);
        return false;
    }

    /// <summary>The syslog header's time, for a record that carries none of its own.</summary>
    public static bool FromHeader(AdapterContext context, out DateTimeOffset utc, out string? local, out string? zone)
    {
        (utc, local, zone) = context.HeaderTime is { } h ? (h.Utc, h.Local, h.Zone) : (default, null, null);
        return context.HeaderTime is not null;
    }

    /// <summary>Unix time in seconds, milliseconds, microseconds or nanoseconds (FortiOS uses all of them).</summary>
    public static bool TryParseUnix(string? raw, out DateTimeOffset utc) => VendorTimes.TryParseUnix(raw, out utc, out _);

    public static bool IsIp(string? value) => value is not null && System.Net.IPAddress.TryParse(value, out _);

    /// <summary>Splits a vendor's category list ("Gambling, Adult Content" or "a;b").</summary>
    public static IReadOnlyList<VendorCategory> Labels(string? cell) =>
        string.IsNullOrWhiteSpace(cell)
            ? []
            : cell.Split([',', ';', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(l => new VendorCategory(null, l)).ToArray();
}
