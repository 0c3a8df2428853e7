using System.Security.Cryptography;
using System.Text;

namespace TrustSafety.Contracts.Reference;

/// <summary>
/// The pseudonymous reference of a sign-in account (e.g. "j.smith@blakehill.sch.uk"): what filtering-ingest stores as a
/// filter event's UserRef and what consent publishes for roster accounts, so the two meet without the account itself
/// travelling. Case and surrounding spaces do not matter.
/// </summary>
public static class SignInAccountRef
{
    public static string? Of(string? account)
    {
        if (string.IsNullOrWhiteSpace(account)) return null;
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"user:{account.Trim().ToLowerInvariant()}"));
        return $"u-{Convert.ToHexStringLower(bytes)[..16]}";
    }
}
