namespace TrustSafety.DeviceRegister.AupSignatures;

public sealed class AupSignatureRecord
{
    public string Audience { get; set; } = "";
    public Guid AupId { get; set; }
    public int SignedVersion { get; set; }
    public DateTimeOffset? SignedAt { get; set; }
    /// <summary>The highest version reported lapsed; a signature counts only when newer (events may arrive out of order).</summary>
    public int LapsedUpToVersion { get; set; }
    public string? LapseReason { get; set; }
    public bool IsCurrent => SignedVersion > 0 && SignedVersion > LapsedUpToVersion;
}

/// <summary>A person's current acceptable-use signatures in one school, learned from AupSigned / AupLapsed.</summary>
public sealed class PersonAupSignatures
{
    public string Id { get; set; } = "";
    public Guid Version { get; set; }
    public List<AupSignatureRecord> Signatures { get; set; } = [];

    public bool HasCurrent(string audience) => Signatures.Any(s => s.Audience == audience && s.IsCurrent);

    public AupSignatureRecord For(string audience, Guid aupId)
    {
        var record = Signatures.FirstOrDefault(s => s.Audience == audience && s.AupId == aupId);
        if (record is null) Signatures.Add(record = new AupSignatureRecord { Audience = audience, AupId = aupId });
        return record;
    }

    public void Signed(string audience, Guid aupId, int version, DateTimeOffset signedAt)
    {
        var record = For(audience, aupId);
        if (version < record.SignedVersion) return;
        record.SignedVersion = version;
        record.SignedAt = signedAt;
    }

    public void Lapsed(string audience, Guid aupId, int version, string reason)
    {
        var record = For(audience, aupId);
        if (version < record.LapsedUpToVersion) return;
        record.LapsedUpToVersion = version;
        record.LapseReason = reason;
    }
}
