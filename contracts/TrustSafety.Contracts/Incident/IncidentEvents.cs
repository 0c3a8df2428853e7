using MassTransit;

namespace TrustSafety.Contracts.Incident;

[MessageUrn("trustsafety:incident-reported:v1")]
[EntityName("trustsafety.incident-reported.v1")]
public sealed record IncidentReported(
    Guid IncidentId,
    string SchoolUrn,
    DateTimeOffset OccurredAt,
    DateTimeOffset HappenedAt,
    string Source,
    string? Category,
    string? FourC,
    bool AllegationAgainstStaff) : IIntegrationEvent;

[MessageUrn("trustsafety:incident-triaged:v1")]
[EntityName("trustsafety.incident-triaged.v1")]
public sealed record IncidentTriaged(
    Guid IncidentId,
    string SchoolUrn,
    DateTimeOffset OccurredAt,
    DateTimeOffset ReportedAt,
    string Category,
    string FourC,
    int Severity,
    bool Illegal) : IIntegrationEvent;

[MessageUrn("trustsafety:referral-made:v1")]
[EntityName("trustsafety.referral-made.v1")]
public sealed record ReferralMade(
    Guid IncidentId,
    Guid ReferralId,
    string SchoolUrn,
    DateTimeOffset OccurredAt,
    string Destination,
    DateOnly MadeOn,
    DateOnly DueOn) : IIntegrationEvent;

[MessageUrn("trustsafety:referral-outcome-recorded:v1")]
[EntityName("trustsafety.referral-outcome-recorded.v1")]
public sealed record ReferralOutcomeRecorded(
    Guid IncidentId,
    Guid ReferralId,
    string SchoolUrn,
    DateTimeOffset OccurredAt,
    string Destination,
    string Outcome) : IIntegrationEvent;

/// <summary>
/// Outcome is a code from <see cref="Reference.IncidentOutcomes"/> (or <c>not-coded</c>), never the DSL's free text:
/// the property kept its name so v1 consumers read it unchanged.
/// </summary>
[MessageUrn("trustsafety:incident-closed:v1")]
[EntityName("trustsafety.incident-closed.v1")]
public sealed record IncidentClosed(
    Guid IncidentId,
    string SchoolUrn,
    DateTimeOffset OccurredAt,
    string Outcome,
    string? Category = null,
    int? Severity = null,
    DateTimeOffset? ReportedAt = null) : IIntegrationEvent;

[MessageUrn("trustsafety:incident-reopened:v1")]
[EntityName("trustsafety.incident-reopened.v1")]
public sealed record IncidentReopened(
    Guid IncidentId,
    string SchoolUrn,
    DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// The safeguarding team judged a child to be in immediate danger (issue 15): the most urgent notice goes to the school's
/// safeguarding team (to the DSL and headteacher only when the incident is an allegation against staff). No names, no text.
/// </summary>
[MessageUrn("trustsafety:immediate-danger-raised:v1")]
[EntityName("trustsafety.immediate-danger-raised.v1")]
public sealed record ImmediateDangerRaised(
    Guid IncidentId,
    string SchoolUrn,
    DateTimeOffset OccurredAt,
    bool EmergencyServicesCalled,
    bool AllegationAgainstStaff) : IIntegrationEvent;

/// <summary>
/// A colleague was given an action on an incident, due by a date. Ids and dates only: what to do stays in the incident
/// service (the colleague reads it there, signed in). AssignedBy is who gave it, so an overdue reminder reaches them too.
/// </summary>
[MessageUrn("trustsafety:task-assigned:v1")]
[EntityName("trustsafety.task-assigned.v1")]
public sealed record TaskAssigned(
    Guid IncidentId,
    Guid TaskId,
    string SchoolUrn,
    DateTimeOffset OccurredAt,
    string AssigneeId,
    string AssignedBy,
    DateOnly DueOn) : IIntegrationEvent;

[MessageUrn("trustsafety:task-completed:v1")]
[EntityName("trustsafety.task-completed.v1")]
public sealed record TaskCompleted(
    Guid IncidentId,
    Guid TaskId,
    string SchoolUrn,
    DateTimeOffset OccurredAt) : IIntegrationEvent;
