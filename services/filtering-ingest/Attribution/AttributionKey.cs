using System.Net;
using System.Text.RegularExpressions;
using TrustSafety.FilteringIngest.Canonical;

namespace TrustSafety.FilteringIngest.Attribution;

/// <summary>device-register's identity kinds, which are also the query parameters of its <c>GET /attribution</c>.</summary>
public static class AttributionKinds
{
    public const string Mac = "mac";
    public const string Hostname = "hostname";
    public const string Ip = "ip";
    public const string User = "user";
}

/// <summary>
/// One identity of a vendor record as device-register stores it (the same normal forms as its NetworkAddressParser), so
/// the same device written two ways is asked about, cached and de-duplicated once.
/// </summary>
public readonly partial record struct AttributionKey(string Kind, string Value)
{
    /// <summary>The record's identities, most specific first: the device's MAC, its hostname, the address, the signed-in account.</summary>
    public static IReadOnlyList<AttributionKey> Of(VendorRecord record)
    {
        var keys = new List<AttributionKey>(4);
        if (Mac(record.Mac) is { } mac) keys.Add(mac);
        if (Hostname(record.DeviceName) is { } host) keys.Add(host);
        if (Ip(record.Ip) is { } ip) keys.Add(ip);
        if (User(record.User) is { } user) keys.Add(user);
        return keys;
    }

    public static AttributionKey? Mac(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var hex = MacSeparators().Replace(value, "").ToLowerInvariant();
        return hex.Length == 12 && hex.All(Uri.IsHexDigit)
            ? new AttributionKey(AttributionKinds.Mac, string.Join(':', Enumerable.Range(0, 6).Select(i => hex.Substring(i * 2, 2))))
            : null;
    }

    public static AttributionKey? Hostname(string? value)
    {
        var host = value?.Trim().ToLowerInvariant();
        return host is { Length: > 0 and <= 253 } && HostnamePattern().IsMatch(host) && !IPAddress.TryParse(host, out _)
            ? new AttributionKey(AttributionKinds.Hostname, host)
            : null;
    }

    public static AttributionKey? Ip(string? value)
    {
        var text = value?.Trim();
        return text is { Length: > 0 } && !text.Contains('/') && IPAddress.TryParse(text, out var ip)
            ? new AttributionKey(AttributionKinds.Ip, ip.ToString())
            : null;
    }

    public static AttributionKey? User(string? value)
    {
        var account = value?.Trim().ToLowerInvariant();
        return account is { Length: > 0 and <= 256 } && AccountPattern().IsMatch(account) ? new AttributionKey(AttributionKinds.User, account) : null;
    }

    [GeneratedRegex("[:\\-.\\s]", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MacSeparators();

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,62})(\\.[a-z0-9]([a-z0-9-]{0,62}))*$", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HostnamePattern();

    [GeneratedRegex(@"^([\p{L}\p{N}._-]{1,64}\\)?[\p{L}\p{N}._'!#^~$+-]{1,128}(@[\p{L}\p{N}-]{1,63}(\.[\p{L}\p{N}-]{1,63})*)?$", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AccountPattern();
}
