using TrustSafety.Contracts.Reference;
using TrustSafety.Incident.RoutingIncidents;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Incident.Incidents;

/// <summary>The incident's state, folded from its stream; also the inline snapshot that lists and reads use.</summary>
/// <remarks>Case files of issue 15 (assessments, containment, evidence files…) fold in OnlineSafetyIncident.CaseFiles.cs and their use-case folders.</remarks>
public sealed partial class OnlineSafetyIncident
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public string Status { get; set; } = IncidentStatus.Reported;
    public string Source { get; set; } = IncidentSources.Staff;
    public string ReportedBy { get; set; } = "";
    public string ReportedByName { get; set; } = "";
    public DateTimeOffset ReportedAt { get; set; }
    public DateTimeOffset HappenedAt { get; set; }
    public string WhatHappened { get; set; } = "";
    public IncidentLocation Location { get; set; } = new("unknown", "unknown", null);
    public string HowItCameToLight { get; set; } = "";
    public List<InvolvedPerson> People { get; set; } = [];
    public List<string> PupilIds { get; set; } = [];
    public bool AllegationAgainstStaff { get; set; }
    public string? SuggestedCategory { get; set; }
    public string? SuggestedFourC { get; set; }
    public FilterAlertDetails? FilterAlert { get; set; }

    /// <summary>The triaged category, else what the report suggested; drives the imagery rules.</summary>
    public string? Category { get; set; }
    public string? FourC { get; set; }
    public int? Severity { get; set; }
    /// <summary>
    /// Order of a triage queue: the triaged severity; before triage an allegation against staff counts as 5, a filter
    /// alert as its own severity and any other concern a person reported as 3 (not yet assessed, never last).
    /// </summary>
    public int Priority { get; set; }
    public TriageRecord? Triage { get; set; }
    public List<ActionRecord> Actions { get; set; } = [];
    public List<ReferralRecord> Referrals { get; set; } = [];
    public int OpenReferrals { get; set; }
    public List<TaskRecord> Tasks { get; set; } = [];
    /// <summary>Who has a task still to do here (queried for "my tasks").</summary>
    public List<string> OpenTaskAssignees { get; set; } = [];
    public int OpenTasks { get; set; }
    public List<EvidenceRecord> Evidence { get; set; } = [];
    public List<ImageryViewRecord> ImageryViews { get; set; } = [];
    public List<ImageryDelegationRecord> ImageryDelegations { get; set; } = [];
    public ClosureRecord? Closure { get; set; }
    public List<ReopeningRecord> Reopenings { get; set; } = [];
    public List<CustodyStepRecord> CustodySteps { get; set; } = [];
    public List<TimelineEntry> Timeline { get; set; } = [];

    /// <summary>The route rules version of the first triage that had one; a later triage re-evaluates under the same version.</summary>
    public int? RouteRulesVersion { get; set; }
    public List<RouteStep> RouteSteps { get; set; } = [];
    public List<RouteDecisionRecord> RouteDecisions { get; set; } = [];

    public bool IsClosed => Status == IncidentStatus.Closed;
    public bool InvolvesImageryNeverStored => Category is not null && IncidentCategories.ImageryNeverStored.Contains(Category);

    public static OnlineSafetyIncident Create(ConcernReported e) => new()
    {
        Id = e.IncidentId,
        Source = e.Source,
        ReportedBy = e.ReportedBy,
        ReportedByName = e.ReportedByName,
        ReportedAt = e.ReportedAt,
        HappenedAt = e.HappenedAt,
        WhatHappened = e.WhatHappened,
        Location = e.Location,
        HowItCameToLight = e.HowItCameToLight,
        People = [.. e.People],
        PupilIds = e.People.Where(p => p.PupilId is not null).Select(p => p.PupilId!).Distinct(StringComparer.Ordinal).ToList(),
        AllegationAgainstStaff = e.AllegationAgainstStaff,
        SuggestedCategory = e.SuggestedCategory,
        SuggestedFourC = e.SuggestedFourC,
        Category = e.SuggestedCategory,
        FourC = e.SuggestedFourC,
        FilterAlert = e.FilterAlert,
        Priority = e.AllegationAgainstStaff ? 5 : e.FilterAlert?.Severity ?? 3,
        Timeline = [new(e.ReportedAt, "reported", e.ReportedByName, e.Source == IncidentSources.FilterAlert
            ? $"Opened from a {e.FilterAlert?.Vendor} filter alert" : "Concern reported")],
    };

    public void Apply(IncidentTriaged e)
    {
        Triage = new(e.By, e.ByName, e.At, e.Illegal, e.Category, e.CategoryListVersion, e.FourC, e.Severity, e.HandlerId,
            e.HandlerName, e.Rationale);
        Category = e.Category;
        FourC = e.FourC;
        Priority = e.Severity;
        Severity = e.Severity;
        Status = IncidentStatus.Triaged;
        if (e.RouteSteps is not null)
        {
            RouteRulesVersion ??= e.RouteRulesVersion;
            RouteSteps = [.. e.RouteSteps];
        }
        KeepImmediateDanger();
        Log(e.At, "triaged", e.ByName, $"{(e.Illegal ? "Illegal" : "Inappropriate")}: {e.Category}, {e.FourC}, severity {e.Severity}");
    }

    public void Apply(ParentsInformed e)
    {
        Actions.Add(new(e.ActionId, ActionKinds.ParentsInformed, e.By, e.ByName, e.At, $"{e.Whom} informed on {e.InformedOn:yyyy-MM-dd}", e.Rationale, null));
        Log(e.At, ActionKinds.ParentsInformed, e.ByName, $"{e.Whom} informed");
    }

    public void Apply(ParentsNotInformed e)
    {
        Actions.Add(new(e.ActionId, ActionKinds.ParentsNotInformed, e.By, e.ByName, e.At, "Parents/carers not informed", e.Reason, null));
        Log(e.At, ActionKinds.ParentsNotInformed, e.ByName, "Parents/carers not informed");
    }

    public void Apply(HeadteacherInformed e)
    {
        Actions.Add(new(e.ActionId, ActionKinds.HeadteacherInformed, e.By, e.ByName, e.At, $"Headteacher informed on {e.InformedOn:yyyy-MM-dd}", e.Rationale, null));
        Log(e.At, ActionKinds.HeadteacherInformed, e.ByName, "Headteacher informed");
    }

    public void Apply(AdviceSought e)
    {
        Actions.Add(new(e.ActionId, ActionKinds.AdviceSought, e.By, e.ByName, e.At, $"Advice sought from {e.Whom} on {e.SoughtOn:yyyy-MM-dd}", e.Advice, null));
        Log(e.At, ActionKinds.AdviceSought, e.ByName, $"Advice sought from {e.Whom}");
    }

    public void Apply(RouteStepDeclined e)
    {
        RouteDecisions.Add(new(e.DecisionId, e.Step, e.By, e.ByName, e.At, e.Rationale));
        Log(e.At, "route-step-declined", e.ByName, $"Decided not to take the step: {RouteStepKinds.Of(e.Step).Label}");
    }

    public void Apply(SanctionApplied e)
    {
        Actions.Add(new(e.ActionId, ActionKinds.Sanction, e.By, e.ByName, e.At, e.Sanction, e.Rationale, e.PupilId));
        Log(e.At, ActionKinds.Sanction, e.ByName, e.Sanction, e.PupilId);
    }

    public void Apply(SupportOffered e)
    {
        Actions.Add(new(e.ActionId, ActionKinds.Support, e.By, e.ByName, e.At, e.Support, e.Rationale, e.PupilId));
        Log(e.At, ActionKinds.Support, e.ByName, e.Support, e.PupilId);
    }

    public void Apply(DeviceSecured e)
    {
        Actions.Add(new(e.ActionId, ActionKinds.DeviceSecured, e.By, e.ByName, e.At,
            $"Device {e.DeviceReference} secured{(e.SealedLocation is null ? "" : $" at {e.SealedLocation}")}", e.Rationale, null)
            { DeviceReference = e.DeviceReference, DeviceId = e.DeviceId });
        Log(e.At, ActionKinds.DeviceSecured, e.ByName, $"Device {e.DeviceReference} secured");
    }

    public void Apply(ReferralMade e)
    {
        Referrals.Add(new(e.ReferralId, e.Destination, e.ReferenceNumber, e.MadeOn, e.DueOn, e.By, e.ByName, e.At, e.Rationale));
        OpenReferrals = Referrals.Count(r => r.Outcome is null);
        Log(e.At, "referral", e.ByName, $"Referred to {e.Destination} ({e.ReferenceNumber}), due {e.DueOn:yyyy-MM-dd}");
    }

    public void Apply(ReferralOutcomeRecorded e)
    {
        var referral = Referrals.Single(r => r.Id == e.ReferralId);
        referral.Outcome = e.Outcome;
        referral.OutcomeCode = e.OutcomeCode;
        referral.OutcomeReceivedOn = e.ReceivedOn;
        referral.OutcomeRecordedBy = e.ByName;
        OpenReferrals = Referrals.Count(r => r.Outcome is null);
        Log(e.At, "referral-outcome", e.ByName, e.OutcomeCode is null ? $"{e.Destination} outcome: {e.Outcome}"
            : e.Outcome.Length == 0 ? $"{e.Destination} outcome: {e.OutcomeCode}" : $"{e.Destination} outcome: {e.Outcome} ({e.OutcomeCode})");
    }

    public void Apply(TaskAssigned e)
    {
        Tasks.Add(new(e.TaskId, e.What, e.AssigneeId, e.AssigneeName, e.DueOn, e.By, e.ByName, e.At));
        CountOpenTasks();
        Log(e.At, "task-assigned", e.ByName, $"Task for {e.AssigneeName}, due {e.DueOn:yyyy-MM-dd}: {e.What}");
    }

    public void Apply(TaskCompleted e)
    {
        var task = Tasks.Single(t => t.Id == e.TaskId);
        task.CompletedAt = e.At;
        task.CompletedBy = e.By;
        task.CompletedByName = e.ByName;
        task.Outcome = e.Outcome;
        CountOpenTasks();
        Log(e.At, "task-completed", e.ByName, $"Task for {task.AssigneeName} done: {e.Outcome}");
    }

    private void CountOpenTasks()
    {
        OpenTasks = Tasks.Count(t => t.CompletedAt is null);
        OpenTaskAssignees = Tasks.Where(t => t.CompletedAt is null).Select(t => t.AssigneeId).Distinct(StringComparer.Ordinal).ToList();
    }

    public void Apply(EvidenceReferenced e)
    {
        Evidence.Add(new(e.EvidenceId, e.By, e.ByName, e.At, e.Description, e.VendorCaptureUri, e.Sha256, e.DeviceHolder, e.SealedLocation));
        Log(e.At, "evidence", e.ByName, $"Evidence referenced: {e.Description}");
    }

    public void Apply(ImageryViewed e)
    {
        var delegation = ImageryDelegations.FirstOrDefault(d => d.Id == e.DelegationId);
        ImageryViews.Add(new(e.By, e.ByName, e.At, e.Reason) { ViewerRole = e.ViewerRole, DelegationId = e.DelegationId });
        var who = e.ViewerRole is null ? e.ByName : $"{RoleNames.Of(e.ViewerRole)} {e.ByName}";
        Log(e.At, "imagery-viewed", e.ByName, $"{who} viewed the imagery"
            + (delegation is null ? "" : $" (delegated in writing by {RoleNames.Of(PlatformRoles.Dsl)} {delegation.ByName})"));
    }

    public void Apply(ImageryViewingDelegated e)
    {
        ImageryDelegations.Add(new(e.DelegationId, e.By, e.ByName, e.At, e.DelegateId, e.DelegateName, e.DelegateRole, e.Instruction));
        Log(e.At, "imagery-viewing-delegated", e.ByName,
            $"{RoleNames.Of(PlatformRoles.Dsl)} {e.ByName} delegated viewing the imagery in writing to {RoleNames.Of(e.DelegateRole)} {e.DelegateName}");
    }

    public void Apply(ImageryViewingDelegationRevoked e)
    {
        var index = ImageryDelegations.FindIndex(d => d.Id == e.DelegationId);
        if (index < 0) return;
        var delegation = ImageryDelegations[index];
        ImageryDelegations[index] = delegation with { RevokedAt = e.At, RevokedByName = e.ByName, RevocationReason = e.Reason };
        Log(e.At, "imagery-viewing-delegation-revoked", e.ByName,
            $"{RoleNames.Of(PlatformRoles.Dsl)} {e.ByName} revoked the delegation to {RoleNames.Of(delegation.DelegateRole)} {delegation.DelegateName} to view the imagery");
    }

    public void Apply(IncidentClosed e)
    {
        Closure = new(e.By, e.ByName, e.At, e.Outcome, e.Rationale, e.LessonsLearnt) { OutcomeCode = e.OutcomeCode };
        Status = IncidentStatus.Closed;
        Log(e.At, "closed", e.ByName, string.IsNullOrWhiteSpace(e.Outcome) ? $"Closed: {e.OutcomeCode}"
            : e.OutcomeCode is null ? $"Closed: {e.Outcome}" : $"Closed: {e.Outcome} ({e.OutcomeCode})");
    }

    public void Apply(IncidentReopened e)
    {
        Reopenings.Add(new(e.By, e.ByName, e.At, e.Reason, Closure));
        Closure = null;
        Status = Triage is null ? IncidentStatus.Reported : IncidentStatus.Triaged;
        Log(e.At, "reopened", e.ByName, $"Reopened: {e.Reason}");
    }

    public void Apply(DeviceCustodyLinked e)
    {
        CustodySteps.Add(new(e.DeviceId, e.Step, e.At));
        Log(e.At, "device-custody", "device-register", $"Device custody: {e.Step}");
    }

    private void Log(DateTimeOffset at, string kind, string by, string summary, string? pupilId = null) =>
        Timeline.Add(new(at, kind, by, summary) { PupilId = pupilId });
}

public sealed record TriageRecord(
    string By, string ByName, DateTimeOffset At, bool Illegal, string Category, string CategoryListVersion, string FourC,
    int Severity, string HandlerId, string? HandlerName, string Rationale);

public sealed record ActionRecord(
    Guid Id, string Kind, string By, string ByName, DateTimeOffset At, string What, string Why, string? PupilId)
{
    public string? DeviceReference { get; init; }
    public Guid? DeviceId { get; init; }
}

public sealed class ReferralRecord(
    Guid id, string destination, string referenceNumber, DateOnly madeOn, DateOnly dueOn, string by, string byName,
    DateTimeOffset at, string rationale)
{
    public Guid Id { get; set; } = id;
    public string Destination { get; set; } = destination;
    public string ReferenceNumber { get; set; } = referenceNumber;
    public DateOnly MadeOn { get; set; } = madeOn;
    public DateOnly DueOn { get; set; } = dueOn;
    public string By { get; set; } = by;
    public string ByName { get; set; } = byName;
    public DateTimeOffset At { get; set; } = at;
    public string Rationale { get; set; } = rationale;
    /// <summary>The DSL's words (sealed; "" when only a code was given). Null while the referral awaits its outcome.</summary>
    public string? Outcome { get; set; }
    /// <summary>Contracts' ReferralOutcomes; null for outcomes recorded before codes existed.</summary>
    public string? OutcomeCode { get; set; }
    public DateOnly? OutcomeReceivedOn { get; set; }
    public string? OutcomeRecordedBy { get; set; }
}

/// <summary>An action given to a colleague; What and Outcome are sealed case work.</summary>
public sealed class TaskRecord(
    Guid id, string what, string assigneeId, string assigneeName, DateOnly dueOn, string by, string byName, DateTimeOffset at)
{
    public Guid Id { get; set; } = id;
    public string What { get; set; } = what;
    public string AssigneeId { get; set; } = assigneeId;
    public string AssigneeName { get; set; } = assigneeName;
    public DateOnly DueOn { get; set; } = dueOn;
    public string By { get; set; } = by;
    public string ByName { get; set; } = byName;
    public DateTimeOffset At { get; set; } = at;
    public DateTimeOffset? CompletedAt { get; set; }
    public string? CompletedBy { get; set; }
    public string? CompletedByName { get; set; }
    public string? Outcome { get; set; }
}

public sealed record EvidenceRecord(
    Guid Id, string By, string ByName, DateTimeOffset At, string Description, string? VendorCaptureUri, string? Sha256,
    string? DeviceHolder, string? SealedLocation);

public sealed record ImageryViewRecord(string By, string ByName, DateTimeOffset At, string Reason)
{
    /// <summary>dsl, deputy-dsl or headteacher; null for views recorded before roles were.</summary>
    public string? ViewerRole { get; init; }
    public Guid? DelegationId { get; init; }
}

public sealed record ImageryDelegationRecord(
    Guid Id, string By, string ByName, DateTimeOffset At, string DelegateId, string DelegateName, string DelegateRole, string Instruction)
{
    /// <summary>Set once the DSL revoked it: the delegate may no longer record viewing the imagery.</summary>
    public DateTimeOffset? RevokedAt { get; init; }
    public string? RevokedByName { get; init; }
    public string? RevocationReason { get; init; }
    public bool Active => RevokedAt is null;
}

/// <summary>How the timeline names a role.</summary>
public static class RoleNames
{
    public static string Of(string role) => role switch
    {
        PlatformRoles.Dsl => "DSL",
        PlatformRoles.DeputyDsl => "Deputy DSL",
        PlatformRoles.Headteacher => "Headteacher",
        _ => role,
    };
}

/// <summary>OutcomeCode: contracts' IncidentOutcomes (null for closures recorded before codes); Outcome: the DSL's words (sealed).</summary>
public sealed record ClosureRecord(string By, string ByName, DateTimeOffset At, string Outcome, string Rationale, string LessonsLearnt)
{
    public string? OutcomeCode { get; init; }
}

public sealed record ReopeningRecord(string By, string ByName, DateTimeOffset At, string Reason, ClosureRecord? PreviousClosure);

/// <summary>A decision not to take a route step; Rationale is sealed.</summary>
public sealed record RouteDecisionRecord(Guid Id, string Step, string By, string ByName, DateTimeOffset At, string Rationale);

public sealed record CustodyStepRecord(Guid DeviceId, string Step, DateTimeOffset At);

public sealed record TimelineEntry(DateTimeOffset At, string Kind, string By, string Summary)
{
    public string? PupilId { get; init; }
}
