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
    IReadOnlyList<ImageryDelegationRecord> ImageryDelegations, RouteView? Route, IReadOnlyList<TaskRecord> Tasks, CaseFilesView? CaseFiles = null)
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
        caseWork ? i.ImageryDelegations : [], caseWork ? RouteEvaluation.Progress(i) : null, caseWork ? i.Tasks : [], caseWork ? CaseFilesView.Of(i) : null);
}

/// <param name="PupilIds">The pupils involved (internal ids).</param>
/// <param name="Summary">A line saying what it is about: the filter alert, else the start of what happened (opened for the reader).</param>
public sealed record IncidentSummary(
    Guid Id, long Version, string Status, string Source, DateTimeOffset ReportedAt, DateTimeOffset HappenedAt, string ReportedByName,
    string? Category, string? FourC, int? Severity, bool AllegationAgainstStaff, int OpenReferrals, int Priority,
    IReadOnlyList<string> PupilIds, string Summary, int OpenTasks)
{
    public const int SummaryLength = 120;

    /// <summary><paramref name="i"/> opened (its free text readable).</summary>
    public static IncidentSummary Of(OnlineSafetyIncident i) => new(i.Id, i.Version, i.Status, i.Source, i.ReportedAt, i.HappenedAt,
        i.ReportedByName, i.Category, i.FourC, i.Severity, i.AllegationAgainstStaff, i.OpenReferrals, i.Priority, i.PupilIds,
        SummaryOf(i), i.OpenTasks);

    public static string SummaryOf(OnlineSafetyIncident i)
    {
        if (i.FilterAlert is { } alert)
            return $"{alert.Vendor} alert: {alert.Category}, severity {alert.Severity}" + (alert.SearchTerm is null ? "" : " (search)");
        var text = string.Join(' ', i.WhatHappened.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= SummaryLength ? text : text[..(SummaryLength - 1)].TrimEnd() + "…";
    }
}

public sealed record IncidentPage(IReadOnlyList<IncidentSummary> Items, int Page, int PageSize, long Total);

public sealed record AccessLogEntry(DateTimeOffset At, string Kind, string By, string ByName, string? Purpose, string? Detail);

public sealed record ChronologyEntry(
    DateTimeOffset At, Guid IncidentId, string Kind, string Summary, string By, string PupilRole, string? Category, int? Severity, string Status);

public sealed record PupilChronology(string PupilId, int Incidents, IReadOnlyList<ChronologyEntry> Entries);
