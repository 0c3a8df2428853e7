using TrustSafety.Incident.RoutingIncidents;

namespace TrustSafety.Incident.Incidents;

/// <summary>Someone involved: children by internal pupil id, staff by staff id; names never leave this service.</summary>
/// <remarks>Name and DateOfBirth (yyyy-MM-dd) are stored sealed (see DataProtection/IncidentPersonalData).</remarks>
public sealed record InvolvedPerson(string Role, string? PupilId, string? StaffId, string? Name, string? DateOfBirth = null);

/// <summary>Where it happened: on-site/off-site and which kind of device.</summary>
public sealed record IncidentLocation(string Site, string Device, string? Detail);

/// <summary>
/// The filter or monitoring alert a concern was opened from. Url, SearchTerm and VendorLink are shown to the DSL and deputy
/// only (IncidentView); VendorSeverity and VendorLink are null in alerts recorded before they were carried.
/// </summary>
public sealed record FilterAlertDetails(
    Guid AlertId, string Vendor, string Category, string FourC, int Severity, string Action, string? Url,
    string? SearchTerm, Guid? DeviceId, string? UserRef, string? VendorSeverity = null, string? VendorLink = null);

public sealed record ConcernReported(
    Guid IncidentId, string ReportedBy, string ReportedByName, DateTimeOffset ReportedAt, DateTimeOffset HappenedAt,
    string WhatHappened, IncidentLocation Location, string HowItCameToLight, IReadOnlyList<InvolvedPerson> People,
    string Source, string? SuggestedCategory, string? SuggestedFourC, bool AllegationAgainstStaff,
    FilterAlertDetails? FilterAlert);

/// <summary>
/// RouteRulesVersion and RouteSteps: the route rules version the incident was triaged under and the steps it gave (null in
/// triages recorded before route rules existed; such incidents have no route and never get one from a later rules version).
/// </summary>
public sealed record IncidentTriaged(
    Guid IncidentId, string By, string ByName, DateTimeOffset At, DateTimeOffset ReportedAt, bool Illegal,
    string Category, string CategoryListVersion, string FourC, int Severity, string HandlerId, string? HandlerName,
    string Rationale, int? RouteRulesVersion = null, IReadOnlyList<RouteStep>? RouteSteps = null);

public sealed record ParentsInformed(
    Guid IncidentId, Guid ActionId, string By, string ByName, DateTimeOffset At, DateOnly InformedOn, string Whom,
    string Rationale);

public sealed record ParentsNotInformed(
    Guid IncidentId, Guid ActionId, string By, string ByName, DateTimeOffset At, string Reason);

/// <summary>The headteacher was told (a route step: inform the headteacher).</summary>
public sealed record HeadteacherInformed(
    Guid IncidentId, Guid ActionId, string By, string ByName, DateTimeOffset At, DateOnly InformedOn, string Rationale);

/// <summary>Advice was sought, e.g. from the local authority's safeguarding advice line (a route step); Whom and Advice are sealed.</summary>
public sealed record AdviceSought(
    Guid IncidentId, Guid ActionId, string By, string ByName, DateTimeOffset At, DateOnly SoughtOn, string Whom, string Advice,
    string? Agency = null);

/// <summary>A recorded decision not to take a step of the incident's route, and why (sealed); audited like every change.</summary>
public sealed record RouteStepDeclined(
    Guid IncidentId, Guid DecisionId, string Step, string By, string ByName, DateTimeOffset At, string Rationale);

public sealed record SanctionApplied(
    Guid IncidentId, Guid ActionId, string By, string ByName, DateTimeOffset At, string Sanction, string? PupilId,
    string Rationale);

public sealed record SupportOffered(
    Guid IncidentId, Guid ActionId, string By, string ByName, DateTimeOffset At, string Support, string? PupilId,
    string Rationale);

/// <summary>DeviceReference is what device-register's custody chain links to (an asset tag or its device id).</summary>
public sealed record DeviceSecured(
    Guid IncidentId, Guid ActionId, string By, string ByName, DateTimeOffset At, string DeviceReference,
    Guid? DeviceId, string? SealedLocation, string Rationale);

public sealed record ReferralMade(
    Guid IncidentId, Guid ReferralId, string By, string ByName, DateTimeOffset At, string Destination,
    string ReferenceNumber, DateOnly MadeOn, DateOnly DueOn, string Rationale);

/// <summary>
/// OutcomeCode is from contracts' ReferralOutcomes and is what other services learn; Outcome is the DSL's own words about it
/// (optional, sealed; plaintext and the only outcome in outcomes recorded before codes existed, where OutcomeCode is null).
/// </summary>
public sealed record ReferralOutcomeRecorded(
    Guid IncidentId, Guid ReferralId, string By, string ByName, DateTimeOffset At, string Destination, string Outcome,
    DateOnly ReceivedOn, string? OutcomeCode = null);

/// <summary>A reference to evidence held elsewhere; this service never holds the evidence itself.</summary>
public sealed record EvidenceReferenced(
    Guid IncidentId, Guid EvidenceId, string By, string ByName, DateTimeOffset At, string Description,
    string? VendorCaptureUri, string? Sha256, string? DeviceHolder, string? SealedLocation);

/// <summary>
/// Someone had to view the imagery: the DSL, or the person the DSL delegated it to in writing (DelegationId).
/// ViewerRole is null in views recorded before roles were (then nobody checked who it was).
/// </summary>
public sealed record ImageryViewed(
    Guid IncidentId, string By, string ByName, DateTimeOffset At, string Reason, string? ViewerRole = null, Guid? DelegationId = null);

/// <summary>
/// The DSL's written delegation (UKCIS): the named member of the safeguarding team may view the imagery of this incident
/// and record it. Instruction is the DSL's written words (sealed).
/// </summary>
/// <summary>The DSL ends a delegation to view imagery: from then on the delegate may no longer record viewing it.</summary>
public sealed record ImageryViewingDelegationRevoked(
    Guid IncidentId, Guid DelegationId, string By, string ByName, DateTimeOffset At, string Reason);

public sealed record ImageryViewingDelegated(
    Guid IncidentId, Guid DelegationId, string By, string ByName, DateTimeOffset At, string DelegateId, string DelegateName,
    string DelegateRole, string Instruction);

/// <summary>
/// OutcomeCode is from contracts' IncidentOutcomes and is what reporting learns; Outcome is the DSL's own words about it
/// (optional, sealed; plaintext and the only outcome in closures recorded before codes existed, where OutcomeCode is null).
/// </summary>
public sealed record IncidentClosed(
    Guid IncidentId, string By, string ByName, DateTimeOffset At, string Outcome, string Rationale, string LessonsLearnt,
    string? Category, int? Severity, DateTimeOffset ReportedAt, string? OutcomeCode = null);

public sealed record IncidentReopened(
    Guid IncidentId, string By, string ByName, DateTimeOffset At, string Reason);

/// <summary>A custody step device-register recorded for a device linked to this incident.</summary>
public sealed record DeviceCustodyLinked(Guid IncidentId, Guid DeviceId, string Step, DateTimeOffset At);

/// <summary>
/// The DSL gives a colleague an action on this incident, due by a date. AssigneeId is the colleague's user id (from
/// identity's staff list); What is case work (sealed at rest).
/// </summary>
public sealed record TaskAssigned(
    Guid IncidentId, Guid TaskId, string By, string ByName, DateTimeOffset At, string AssigneeId, string AssigneeName,
    string What, DateOnly DueOn);

/// <summary>The assignee (or the safeguarding team) recorded the task done and what was done (sealed at rest).</summary>
public sealed record TaskCompleted(Guid IncidentId, Guid TaskId, string By, string ByName, DateTimeOffset At, string Outcome);
