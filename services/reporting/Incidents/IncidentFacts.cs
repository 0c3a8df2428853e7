namespace TrustSafety.Reporting.Incidents;

/// <summary>An incident as reported (IncidentReported).</summary>
public sealed class ReportedIncident
{
    public Guid Id { get; set; }
    public string SchoolUrn { get; set; } = "";
    public DateTimeOffset ReportedAt { get; set; }
    public DateTimeOffset HappenedAt { get; set; }
    public string Source { get; set; } = "";
    public string? Category { get; set; }
    public string? FourC { get; set; }
    public bool AllegationAgainstStaff { get; set; }
}

/// <summary>The DSL's latest triage of an incident (IncidentTriaged); may arrive before the report.</summary>
public sealed record TriagedIncident
{
    public Guid Id { get; set; }
    public string SchoolUrn { get; set; } = "";
    public DateTimeOffset ReportedAt { get; set; }
    public DateTimeOffset FirstTriagedAt { get; set; }
    public DateTimeOffset LastTriagedAt { get; set; }
    public string Category { get; set; } = "";
    public string FourC { get; set; } = "";
    public int Severity { get; set; }
    public bool Illegal { get; set; }
}

/// <summary>A closure or reopening (IncidentClosed / IncidentReopened), one document per event.</summary>
public sealed class IncidentStatusChange
{
    public Guid Id { get; set; }
    public Guid IncidentId { get; set; }
    public string SchoolUrn { get; set; } = "";
    public bool Closed { get; set; }
    public DateTimeOffset At { get; set; }
    public string? Outcome { get; set; }
}

/// <summary>A referral (ReferralMade).</summary>
public sealed class ReferralRecord
{
    public Guid Id { get; set; }
    public Guid IncidentId { get; set; }
    public string SchoolUrn { get; set; } = "";
    public string Destination { get; set; } = "";
    public DateOnly MadeOn { get; set; }
    public DateOnly DueOn { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>A referral's outcome (ReferralOutcomeRecordedV2): Outcome is its code (contracts' ReferralOutcomes); may arrive before the referral.</summary>
public sealed class ReferralOutcomeRecord
{
    public Guid Id { get; set; }
    public Guid IncidentId { get; set; }
    public string SchoolUrn { get; set; } = "";
    public string Destination { get; set; } = "";
    public string Outcome { get; set; } = "";
    public DateTimeOffset At { get; set; }
}
