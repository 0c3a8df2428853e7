namespace TrustSafety.FilteringIngest.Canonical;

public static class FilterActions
{
    public const string Blocked = "Blocked";
    public const string Allowed = "Allowed";
    public const string Warned = "Warned";
    public const string Monitored = "Monitored";
    public const string Captured = "Captured";

    public static readonly IReadOnlyList<string> All = [Blocked, Allowed, Warned, Monitored, Captured];

    public static string? Parse(string? value) =>
        value is null ? null : All.FirstOrDefault(a => a.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase));
}

public static class EvidenceKinds
{
    public const string None = "None";
    public const string VendorLink = "VendorLink";
    public const string Hash = "Hash";
    public static readonly IReadOnlyList<string> All = [None, VendorLink, Hash];
}

public sealed record VendorCategory(string? Id, string? Label);

/// <summary>What an adapter read from one vendor record, before crosswalks and attribution.</summary>
public sealed record VendorRecord
{
    public DateTimeOffset OccurredAt { get; init; }
    public string? VendorLocalTime { get; init; }
    public string? VendorTimeZone { get; init; }
    public string? SourceEventId { get; init; }
    public string? Product { get; init; }
    public string? User { get; init; }
    public string? Group { get; init; }
    public string? DeviceName { get; init; }
    public string? Ip { get; init; }
    public string? Mac { get; init; }
    public string Action { get; init; } = FilterActions.Monitored;
    public string? Url { get; init; }
    public string? Host { get; init; }
    public string? SearchTerm { get; init; }
    public string? Application { get; init; }
    public IReadOnlyList<VendorCategory> Categories { get; init; } = [];
    /// <summary>Whose category list the categories come from, when not the format's own (FortiGuard ids inside CEF).</summary>
    public string? CategoryVendor { get; init; }
    public string? VendorSeverity { get; init; }
    /// <summary>Already on our 1–5 scale, when the vendor's scale is known (see SeverityScales).</summary>
    public int? Severity { get; init; }
    public string EvidenceKind { get; init; } = EvidenceKinds.None;
    public string? EvidenceUri { get; init; }
    public string? EvidenceSha256 { get; init; }
    /// <summary>A later version of the same vendor record (Google MODIFIED): stored once per revision, never re-alerted.</summary>
    public string? Revision { get; init; }
    /// <summary>Hash of the raw record: the idempotency key when the vendor gives no id.</summary>
    public string RawDigest { get; init; } = "";
}

/// <summary>The canonical, vendor-neutral filter event every adapter ends in (what is stored).</summary>
public sealed record FilterEvent(
    string Key,
    DateTimeOffset OccurredAt,
    string? VendorLocalTime,
    string? VendorTimeZone,
    string Vendor,
    string? Product,
    Guid SourceId,
    string? SourceEventId,
    string? RawUser,
    string? UserRef,
    string? Group,
    string? DeviceName,
    string? Ip,
    string? Mac,
    Guid? RegisteredDeviceId,
    string Action,
    string? Url,
    string? Host,
    string? SearchTerm,
    string? Application,
    string? VendorCategoryId,
    string? VendorCategoryLabel,
    string Uksic,
    string FourC,
    int Severity,
    string? VendorSeverity,
    string EvidenceKind,
    string? EvidenceUri,
    string? EvidenceSha256,
    bool UnknownCategory,
    bool IsRevision,
    string? DeviceRef);

/// <summary>Why one record of a body could not be used: which record, which field, what to fix.</summary>
public sealed record RecordError(int Record, string Field, string Reason, string? Raw = null);

public sealed class AdapterOutput
{
    public List<(int Index, VendorRecord Record)> Records { get; } = [];
    public List<RecordError> Errors { get; } = [];
    /// <summary>Set when the body as a whole is unusable (not JSON, wrong envelope…).</summary>
    public RecordError? BodyError { get; set; }
    public int Total => Records.Count + Errors.Count;

    public static AdapterOutput Unusable(string field, string reason) => new() { BodyError = new RecordError(-1, field, reason) };
}
