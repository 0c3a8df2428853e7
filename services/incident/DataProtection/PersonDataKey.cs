namespace TrustSafety.Incident.DataProtection;

/// <summary>
/// One data key per person (pupil, member of staff) or incident file, per school, stored wrapped by the
/// key-encryption key. Erasure removes the key material and keeps the row as the record that it happened.
/// </summary>
public sealed class PersonDataKey
{
    /// <summary>The subject: <c>pupil:{pupilId}</c>, <c>staff:{staffId}</c> or <c>incident:{id}</c>.</summary>
    public string Id { get; set; } = "";
    public string? TenantId { get; set; }
    public byte[]? WrappedKey { get; set; }

    /// <summary>The id of the key-encryption key that wrapped <see cref="WrappedKey"/>; absent on keys stored before ids were recorded.</summary>
    public string? KekId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ErasedAt { get; set; }

    /// <summary>Kept after a new key is issued, so older records stay unreadable and are shown as erased.</summary>
    public DateTimeOffset? LastErasedAt { get; set; }
}

public static class Subjects
{
    public static string Pupil(string pupilId) => $"pupil:{pupilId}";
    public static string Staff(string staffId) => $"staff:{staffId}";
    public static string Incident(Guid incidentId) => $"incident:{incidentId:N}";

    public static string? Of(string? pupilId, string? staffId) =>
        pupilId is not null ? Pupil(pupilId) : staffId is not null ? Staff(staffId) : null;
}

public sealed class DataProtectionOptions
{
    public const string Section = "DataProtection";

    /// <summary>Base64 of 32 bytes; wraps every data key so a copy of the database alone reveals nothing.</summary>
    public string KeyEncryptionKey { get; set; } = "";

    public byte[] KeyEncryptionKeyBytes() => Convert.FromBase64String(KeyEncryptionKey);

    /// <summary>
    /// Keys replaced by <see cref="KeyEncryptionKey"/> in a rotation (base64 of 32 bytes each): data keys they wrapped
    /// still open, and the daemon leader re-wraps them under the current key. Remove one once readiness reports every
    /// key re-wrapped (docs/data-protection.md, "Rotating the key-encryption key").
    /// </summary>
    public string[] PreviousKeyEncryptionKeys { get; set; } = [];

    /// <summary>How often the daemon leader looks for data keys left under a previous KEK.</summary>
    public TimeSpan RewrapInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Data keys re-wrapped per transaction.</summary>
    public int RewrapBatchSize { get; set; } = 500;

    public static bool IsValidKey(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return false;
        var buffer = new byte[64];
        return Convert.TryFromBase64String(value, buffer, out var written) && written == 32;
    }
}
