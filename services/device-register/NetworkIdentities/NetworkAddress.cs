using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using TrustSafety.DeviceRegister.Devices;

namespace TrustSafety.DeviceRegister.NetworkIdentities;

/// <summary>A normalised network identity: the value as stored, and for IPv4 the numeric range it covers.</summary>
public sealed record NetworkAddress(string Kind, string Value, long? Start, long? End);

public static partial class NetworkAddressParser
{
    /// <summary>Normalises a value of the given kind; an error says what a valid value looks like.</summary>
    public static (NetworkAddress? Address, string? Error) Parse(string? kind, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return (null, "Give a value.");
        value = value.Trim();
        switch (kind)
        {
            case IdentityKinds.Ip:
                if (!IPAddress.TryParse(value, out var ip) || value.Contains('/'))
                    return (null, $"'{value}' is not an IP address; give e.g. 10.1.4.23.");
                var n = Ipv4Number(ip);
                return (new NetworkAddress(kind, ip.ToString(), n, n), null);
            case IdentityKinds.IpRange:
                return ParseRange(value);
            case IdentityKinds.Hostname:
                var host = value.ToLowerInvariant();
                return host.Length <= 253 && HostnamePattern().IsMatch(host)
                    ? (new NetworkAddress(kind, host, null, null), null)
                    : (null, $"'{value}' is not a hostname; use letters, digits, '-' and '.', e.g. bh-lap-0042.blakehill.local.");
            case IdentityKinds.Mac:
                var hex = MacSeparators().Replace(value, "").ToLowerInvariant();
                return hex.Length == 12 && hex.All(Uri.IsHexDigit)
                    ? (new NetworkAddress(kind, string.Join(':', Enumerable.Range(0, 6).Select(i => hex.Substring(i * 2, 2))), null, null), null)
                    : (null, $"'{value}' is not a MAC address; give e.g. 3c:22:fb:12:ab:9e.");
            case IdentityKinds.User:
                var account = value.ToLowerInvariant();
                return account.Length <= 256 && AccountPattern().IsMatch(account)
                    ? (new NetworkAddress(kind, account, null, null), null)
                    : (null, $"'{value}' is not a sign-in account; give the account as the filter reports it, e.g. "
                             + "j.smith@blakehill.sch.uk, BLAKEHILL\\jsmith or jsmith (no spaces).");
            default:
                return (null, $"Give kind as one of: {string.Join(", ", IdentityKinds.All)}, e.g. ip.");
        }
    }

    public static long? Ipv4Number(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (ip.AddressFamily != AddressFamily.InterNetwork) return null;
        var b = ip.GetAddressBytes();
        return ((long)b[0] << 24) | ((long)b[1] << 16) | ((long)b[2] << 8) | b[3];
    }

    private static (NetworkAddress?, string?) ParseRange(string value)
    {
        const string help = "Give an IPv4 range as CIDR or first-last, e.g. 10.1.4.0/24 or 10.1.4.10-10.1.4.50.";
        long start, end;
        if (value.Split('/') is [var network, var bits] && IPAddress.TryParse(network, out var net)
            && int.TryParse(bits, System.Globalization.CultureInfo.InvariantCulture, out var prefix) && prefix is >= 8 and <= 32 && Ipv4Number(net) is { } n)
        {
            var size = 1L << (32 - prefix);
            start = n & ~(size - 1);
            end = start + size - 1;
            if (start != n) return (null, $"'{value}' has host bits set; give the network, e.g. {Format(start)}/{prefix}.");
        }
        else if (value.Split('-') is [var first, var last] && IPAddress.TryParse(first.Trim(), out var a)
                 && IPAddress.TryParse(last.Trim(), out var b) && Ipv4Number(a) is { } s && Ipv4Number(b) is { } e && s <= e)
        {
            (start, end) = (s, e);
        }
        else return (null, $"'{value}' is not an IPv4 range. {help}");
        return (new NetworkAddress(IdentityKinds.IpRange, $"{Format(start)}-{Format(end)}", start, end), null);
    }

    private static string Format(long n) => $"{(n >> 24) & 255}.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}";

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,62})(\\.[a-z0-9]([a-z0-9-]{0,62}))*$", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HostnamePattern();

    /// <summary>An account name, optionally DOMAIN\name or name@domain: what Entra, Google, Apple and AD sign-ins look like.</summary>
    [GeneratedRegex(@"^([\p{L}\p{N}._-]{1,64}\\)?[\p{L}\p{N}._'!#^~$+-]{1,128}(@[\p{L}\p{N}-]{1,63}(\.[\p{L}\p{N}-]{1,63})*)?$", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AccountPattern();

    [GeneratedRegex("[:\\-.\\s]", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MacSeparators();
}
