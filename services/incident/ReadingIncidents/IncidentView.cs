using TrustSafety.Incident.Incidents;
using TrustSafety.Incident.RoutingIncidents;

namespace TrustSafety.Incident.ReadingIncidents;

/// <summary>An incident as its reader may see it; a reporter outside the safeguarding team gets no case work.</summary>
public sealed record IncidentView(
    Guid Id, long Version, string Status, string Source, string ReportedBy, string ReportedByName, DateTimeOffset ReportedAt,
    DateTimeOffset HappenedAt, string WhatHappened, IncidentLocation Location, string HowItCameToLight,
    IReadOnlyList<InvolvedPerson> People, bool AllegationAgainstStaff, string? SuggestedCategory, string? SuggestedFourC,
    string? Category, string? FourC, int? Severity, FilterAlertDetails? FilterAlert, bool CaseWorkHidden,
    TriageRecord? Triage, IReadOnlyList<ActionRecord> Actions, IReadOnlyList<ReferralRecord> Referrals,
    IReadOnlyList<EvidenceRecord> Evidence, IReadOnlyList<ImageryViewRecord> ImageryViews, ClosureRecord? Closure,
    IReadOnlyList<ReopeningRecord> Reopenings, IReadOnlyList<CustodyStepRecord> CustodySteps, IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<ImageryDelegationRecord> ImageryDelegations, RouteView? Route, CaseFilesView? CaseFiles = null)
{
    /// <summary>What the alert was for (URL, search term, the vendor's link): the DSL's and deputy's to read, not the head's.</summary>
    public static FilterAlertDetails? AlertFor(FilterAlertDetails? alert, bool seesAlertDetail) =>
        alert is null || seesAlertDetail ? alert : alert with { Url = null, SearchTerm = null, VendorLink = null };

    public static IncidentView Of(OnlineSafetyIncident i, bool caseWork, bool seesAlertDetail = true) => new(
        i.Id, i.Version, i.Status, i.Source, i.ReportedBy, i.ReportedByName, i.ReportedAt, i.HappenedAt, i.WhatHappened, i.Location,
        i.HowItCameToLight, i.People, i.AllegationAgainstStaff, i.SuggestedCategory, i.SuggestedFourC,
        caseWork ? i.Category : i.SuggestedCategory, caseWork ? i.FourC : i.SuggestedFourC, caseWork ? i.Severity : null,
        AlertFor(i.FilterAlert, caseWork && seesAlertDetail), !caseWork,
        caseWork ? i.Triage : null, caseWork ? i.Actions : [], caseWork ? i.Referrals : [], caseWork ? i.Evidence : [],
        caseWork ? i.ImageryViews : [], caseWork ? i.Closure : null, caseWork ? i.Reopenings : [],
        caseWork ? i.CustodySteps : [], caseWork ? i.Timeline : i.Timeline.Where(t => t.Kind == "reported").ToList(),
        caseWork ? i.ImageryDelegations : [], caseWork ? RouteEvaluation.Progress(i) : null, caseWork ? CaseFilesView.Of(i) : null);
}

public sealed record IncidentSummary(
    Guid Id, long Version, string Status, string Source, DateTimeOffset ReportedAt, DateTimeOffset HappenedAt, string ReportedByName,
    string? Category, string? FourC, int? Severity, bool AllegationAgainstStaff, int OpenReferrals, int Priority)
{
    public static IncidentSummary Of(OnlineSafetyIncident i) => new(i.Id, i.Version, i.Status, i.Source, i.ReportedAt, i.HappenedAt,
        i.ReportedByName, i.Category, i.FourC, i.Severity, i.AllegationAgainstStaff, i.OpenReferrals, i.Priority);
}

public sealed record IncidentPage(IReadOnlyList<IncidentSummary> Items, int Page, int PageSize, long Total);

public sealed record AccessLogEntry(DateTimeOffset At, string Kind, string By, string ByName, string? Purpose, string? Detail);

public sealed record ChronologyEntry(
    DateTimeOffset At, Guid IncidentId, string Kind, string Summary, string By, string PupilRole, string? Category, int? Severity, string Status);

public sealed record PupilChronology(string PupilId, int Incidents, IReadOnlyList<ChronologyEntry> Entries);
