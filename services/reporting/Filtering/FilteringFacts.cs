namespace TrustSafety.Reporting.Filtering;

public sealed record FilterBucket(DateOnly Day, string Category, string FourC, int Severity, string Action, int Count);

/// <summary>Events of one pseudonymous device or user in one ISO week (kept only on batches stored before rollups).</summary>
public sealed record SubjectWeek(string Week, string Kind, string Ref, int Count, IReadOnlyList<string> Categories);

/// <summary>
/// One accepted batch (FilterEventsAccepted), summarised: no URLs, no names. The fact the filter rollups are rebuilt
/// from; its id is the batch id, so a batch regrouped or redelivered by ingest is stored, and counted, once.
/// Subjects now go straight to the weekly subject facts (rpt_subject_week); <see cref="Subjects"/> is read only to
/// migrate batches stored before that.
/// </summary>
public sealed class FilterBatch
{
    public Guid Id { get; set; }
    public string SchoolUrn { get; set; } = "";
    public Guid SourceId { get; set; }
    public string Vendor { get; set; } = "";
    public DateTimeOffset AcceptedAt { get; set; }
    public DateTimeOffset? FirstEventAt { get; set; }
    public DateTimeOffset? LastEventAt { get; set; }
    public int Events { get; set; }
    public List<FilterBucket> Buckets { get; set; } = [];
    public List<SubjectWeek> Subjects { get; set; } = [];
}

/// <summary>A safeguarding alert (SafeguardingAlertRaised), without its URL or search term.</summary>
public sealed class AlertRecord
{
    public Guid Id { get; set; }
    public string SchoolUrn { get; set; } = "";
    public DateTimeOffset EventAt { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    public string Vendor { get; set; } = "";
    public Guid SourceId { get; set; }
    public string Category { get; set; } = "";
    public string FourC { get; set; } = "";
    public int Severity { get; set; }
    public string Action { get; set; } = "";
    public Guid? DeviceId { get; set; }
    public string? UserRef { get; set; }
}
