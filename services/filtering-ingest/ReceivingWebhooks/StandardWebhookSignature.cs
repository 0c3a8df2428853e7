using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TrustSafety.FilteringIngest.ReceivingWebhooks;

public enum SignatureCheck { Valid, MissingHeaders, BadTimestamp, StaleOrFutureTimestamp, BadSignature }

/// <summary>
/// Standard Webhooks (standardwebhooks.com): HMAC-SHA256 over "{id}.{timestamp}.{raw body}" keyed by the secret's
/// bytes (after "whsec_"); webhook-signature is a space-separated list of "v1,&lt;base64&gt;", any match is enough
/// (so both secrets work during rotation). Checked on the raw bytes before anything parses them.
/// </summary>
public static class StandardWebhookSignature
{
    public static SignatureCheck Verify(string? id, string? timestamp, string? signatures, ReadOnlySpan<byte> body,
        IEnumerable<string> secrets, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(timestamp) || string.IsNullOrWhiteSpace(signatures))
            return SignatureCheck.MissingHeaders;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return SignatureCheck.BadTimestamp;
        var sentAt = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
        if ((now - sentAt).Duration() > tolerance) return SignatureCheck.StaleOrFutureTimestamp;

        var candidates = new List<byte[]>();
        foreach (var part in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!part.StartsWith("v1,", StringComparison.Ordinal)) continue;
            var decoded = new byte[32];
            if (Convert.TryFromBase64String(part[3..], decoded, out var written) && written == 32) candidates.Add(decoded);
        }
        if (candidates.Count == 0) return SignatureCheck.BadSignature;

        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        Span<byte> expected = stackalloc byte[32];
        var valid = false;
        foreach (var secret in secrets)
        {
            var key = KeyBytes(secret);
            if (key is null) continue;
            using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
            hmac.AppendData(prefix);
            hmac.AppendData(body);
            hmac.GetHashAndReset(expected);
            foreach (var candidate in candidates)
                valid |= CryptographicOperations.FixedTimeEquals(expected, candidate);
        }
        return valid ? SignatureCheck.Valid : SignatureCheck.BadSignature;
    }

    /// <summary>The header value a sender computes (used by tests and the load generator).</summary>
    public static string Sign(string secret, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, KeyBytes(secret) ?? throw new ArgumentException("Not a whsec_ secret", nameof(secret)));
        hmac.AppendData(Encoding.UTF8.GetBytes($"{id}.{timestamp}."));
        hmac.AppendData(body);
        return "v1," + Convert.ToBase64String(hmac.GetHashAndReset());
    }

    public static byte[]? KeyBytes(string secret)
    {
        var encoded = secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret[6..] : secret;
        try { return Convert.FromBase64String(encoded); }
        catch (FormatException) { return null; }
    }

    /// <summary>Constant-time comparison of a presented token (Google push token, Graph clientState) with the source's secrets.</summary>
    public static bool MatchesAny(string? presented, IEnumerable<string> secrets)
    {
        if (string.IsNullOrEmpty(presented)) return false;
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var match = false;
        foreach (var secret in secrets)
            match |= CryptographicOperations.FixedTimeEquals(given, SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
        return match;
    }
}
