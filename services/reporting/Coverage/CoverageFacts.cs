namespace TrustSafety.Reporting.Coverage;

/// <summary>A consent given, declined, withdrawn or expired; the latest per pupil and type decides coverage.</summary>
public sealed class ConsentChange
{
    public Guid Id { get; set; }
    public string SchoolUrn { get; set; } = "";
    public string PupilId { get; set; } = "";
    public string ConsentType { get; set; } = "";
    public string Kind { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public DateOnly? ValidUntil { get; set; }
}

/// <summary>An acceptable-use policy signed or lapsed; the latest per person and audience decides coverage.</summary>
public sealed class AupChange
{
    public Guid Id { get; set; }
    public string SchoolUrn { get; set; } = "";
    public string PersonId { get; set; } = "";
    public string Audience { get; set; } = "";
    public bool Signed { get; set; }
    /// <summary>The version signed or lapsed; null on facts stored before versions were recorded.</summary>
    public int? Version { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>A version of an audience's AUP was published; the highest known version per audience is the current one.</summary>
public sealed class AupVersionRecord
{
    public Guid Id { get; set; }
    public string SchoolUrn { get; set; } = "";
    public string Audience { get; set; } = "";
    public Guid AupId { get; set; }
    public int Version { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public DateOnly? OlderSignaturesLapseOn { get; set; }
}

public static class ConsentKinds
{
    public const string Given = "given";
    public const string Declined = "declined";
    public const string Withdrawn = "withdrawn";
    public const string Expired = "expired";
}
