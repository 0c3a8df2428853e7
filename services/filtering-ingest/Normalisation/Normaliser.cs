using System.Security.Cryptography;
using System.Text;
using TrustSafety.FilteringIngest.Canonical;

namespace TrustSafety.FilteringIngest.Normalisation;

/// <summary>Vendor record → canonical event: crosswalked category and 4C, severity 1–5, idempotency key, pseudonymous refs.</summary>
public static class Normaliser
{
    public static FilterEvent Normalise(VendorRecord r, Guid sourceId, string vendor, Crosswalk crosswalk, Guid? registeredDeviceId = null)
    {
        var (uksic, fourC, matched, unknown) = crosswalk.Classify(r.CategoryVendor ?? vendor, r.Categories);
        var severity = Severity(r, uksic);
        var key = r.SourceEventId is { } id ? (r.Revision is null ? $"id:{id}" : $"id:{id}#{r.Revision}") : $"raw:{r.RawDigest}";
        return new FilterEvent(
            key, r.OccurredAt, r.VendorLocalTime, r.VendorTimeZone, vendor, r.Product, sourceId, r.SourceEventId,
            r.User, Contracts.Reference.SignInAccountRef.Of(r.User), r.Group, r.DeviceName, r.Ip, r.Mac, registeredDeviceId,
            r.Action, Trim(r.Url, 2048), r.Host, Trim(r.SearchTerm, 512), r.Application,
            matched?.Id, matched?.Label, uksic, fourC, severity, r.VendorSeverity,
            r.EvidenceKind, r.EvidenceUri, r.EvidenceSha256, unknown, r.Revision is not null,
            registeredDeviceId?.ToString() ?? Pseudonym(sourceId, "device", r.DeviceName ?? r.Mac ?? r.Ip));
    }

    /// <summary>Illegal (IWF / CTIRU) is always 5; otherwise the vendor's own scale, else a floor by category and action.</summary>
    public static int Severity(VendorRecord r, string uksic)
    {
        if (Uksic.IsIllegal(uksic)) return 5;
        if (r.Severity is { } s) return Math.Clamp(s, 1, 5);
        return uksic switch
        {
            Uksic.SelfHarm => 4,
            Uksic.Extremism or Uksic.Violence or Uksic.Pornography => 3,
            Uksic.Other => r.Action == FilterActions.Allowed ? 1 : 2,
            _ => 2,
        };
    }

    public static bool RaisesAlert(FilterEvent e) => !e.IsRevision && (e.Severity >= 4 || Uksic.IsIllegal(e.Uksic));

    /// <summary>A stable, non-reversible reference: patterns show across weeks without a name leaving the school.</summary>
    public static string? Pseudonym(Guid sourceId, string kind, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}:{value.Trim().ToLowerInvariant()}"));
        return $"{kind[0]}-{Convert.ToHexStringLower(bytes)[..16]}";
    }

    private static string? Trim(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
