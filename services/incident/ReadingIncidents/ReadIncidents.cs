using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TrustSafety.Contracts.Reference;
using TrustSafety.Incident.Access;
using TrustSafety.Incident.DataProtection;
using TrustSafety.Incident.Http;
using TrustSafety.Incident.Incidents;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.ServiceDefaults.Http;
using TrustSafety.Platform;

namespace TrustSafety.Incident.ReadingIncidents;

public sealed record IncidentFilter(
    [FromQuery(Name = "status")] string? Status, [FromQuery(Name = "category")] string? Category, [FromQuery(Name = "severity")] int? Severity, [FromQuery(Name = "from")] DateTimeOffset? From,
    [FromQuery(Name = "to")] DateTimeOffset? To, [FromQuery(Name = "page")] int? Page, [FromQuery(Name = "pageSize")] int? PageSize,
    [FromQuery(Name = "sort")] string? Sort, [FromQuery(Name = "source")] string? Source = null,
    [FromQuery(Name = "pupilId")] string? PupilId = null)
{
    /// <summary>newest (default): most recently reported first; oldest: longest waiting first; risk: highest priority first (see OnlineSafetyIncident.Priority), then longest waiting — a DSL's triage queue.</summary>
    public static readonly IReadOnlyList<string> Sorts = ["newest", "oldest", "risk"];

    public FieldErrors Validate() => new FieldErrors()
        .OneOf(Status, ReferenceLists.Statuses, "status", required: false)
        .OneOf(Sort, Sorts, "sort", required: false)
        .OneOf(Source, IncidentSources.All, "source", required: false)
        .OneOf(Category, IncidentCategories.All, "category", required: false)
        .When(Severity is < 1 or > 5, "severity", "severity must be from 1 to 5.")
        .When(From > To, "from", "from is after to.")
        .When(PupilId is { Length: 0 or > 64 }, "pupilId", "pupilId is the school's internal pupil id (1–64 characters), as the roster's pupil search gives it.")
        .Paging(Page, PageSize);
}

/// <summary>Reads of incidents: every read of one incident is an audit fact (who, when, purpose).</summary>
public static class ReadIncidents
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/incidents", List)
            .RequireAuthorization(PlatformPolicies.SchoolStaff)
            .WithName("ListIncidents")
            .WithSummary("List incidents you may see: staff their own reports, the safeguarding team all (staff allegations: DSL and head only); sort=newest|oldest|risk; pupilId= finds every incident naming that pupil")
            .ProducesValidationProblem();

        group.MapGet("/incidents/{id:guid}", Get)
            .RequireAuthorization(PlatformPolicies.SchoolStaff)
            .WithName("GetIncident")
            .WithSummary("Read an incident (ETag); the read is recorded in the access log with the optional purpose")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/incidents/{id:guid}/access-log", AccessLog)
            .RequireAuthorization(PlatformPolicies.SafeguardingTeam)
            .WithName("GetIncidentAccessLog")
            .WithSummary("Who read the incident, when and why; refused uploads; imagery views (DSL only)")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/pupils/{pupilId}/chronology", Chronology)
            .RequireAuthorization(PlatformPolicies.SafeguardingTeam)
            .WithName("GetPupilChronology")
            .WithSummary("A pupil's chronology across incidents (the DSL of the school only); each incident read is audited")
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<Results<Ok<IncidentPage>, ValidationProblem>> List(
        [AsParameters] IncidentFilter filter, IQuerySession session, CurrentUser user, IncidentPersonalData personalData, CancellationToken ct)
    {
        var errors = filter.Validate();
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary(), title: "The filter is not valid");
        var actor = Actor.From(user);
        IQueryable<OnlineSafetyIncident> query = session.Query<OnlineSafetyIncident>();
        if (!actor.InSafeguardingTeam) query = query.Where(i => i.ReportedBy == actor.Id);
        else if (!actor.SeesStaffAllegations) query = query.Where(i => !i.AllegationAgainstStaff || i.ReportedBy == actor.Id);
        if (filter.Status is { } status) query = query.Where(i => i.Status == status);
        if (filter.Category is { } category) query = query.Where(i => i.Category == category);
        if (filter.Source is { } source) query = query.Where(i => i.Source == source);
        // Case work by pupil: every incident of this school naming the pupil (another school's pupil id finds nothing here).
        if (filter.PupilId is { } pupilId) query = query.Where(i => i.PupilIds.Contains(pupilId));
        if (filter.Severity is { } severity) query = query.Where(i => i.Severity == severity);
        if (filter.From is { } from) query = query.Where(i => i.ReportedAt >= from);
        if (filter.To is { } to) query = query.Where(i => i.ReportedAt <= to);
        var page = filter.Page ?? 1;
        var pageSize = filter.PageSize ?? Paging.DefaultPageSize;
        var ordered = filter.Sort switch
        {
            "oldest" => query.OrderBy(i => i.ReportedAt),
            "risk" => query.OrderByDescending(i => i.Priority).ThenBy(i => i.ReportedAt),
            _ => query.OrderByDescending(i => i.ReportedAt),
        };
        var results = await ordered.ToPagedListAsync(page, pageSize, ct);
        var opened = await personalData.OpenAsync(session, results.ToList(), ct);
        return TypedResults.Ok(new IncidentPage(opened.Select(IncidentSummary.Of).ToList(), page, pageSize, results.TotalItemCount));
    }

    private static async Task<Results<Ok<IncidentView>, ValidationProblem, ProblemHttpResult>> Get(
        Guid id, [FromQuery] string? purpose, IDocumentSession session, CurrentUser user, TimeProvider clock, HttpContext http,
        IncidentPersonalData personalData)
    {
        if (purpose?.Length > 500)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["purpose"] = ["purpose must be at most 500 characters."] });
        var actor = Actor.From(user);
        var incident = await session.LoadAsync<OnlineSafetyIncident>(id, http.RequestAborted);
        if (incident is null || !Visibility.CanSee(incident, actor)) return Problems.IncidentNotFound(id);

        session.Events.Append(AuditStream.For(id), Read(incident.Id, actor, clock.GetUtcNow(), purpose));
        await session.SaveChangesAsync(http.RequestAborted);
        http.Response.SetETag(incident.Version);
        return TypedResults.Ok(IncidentView.Of(await personalData.OpenAsync(session, incident, http.RequestAborted),
            Visibility.SeesCaseWork(incident, actor), Visibility.SeesAlertDetail(actor)));
    }

    private static async Task<Results<Ok<IReadOnlyList<AccessLogEntry>>, ProblemHttpResult>> AccessLog(
        Guid id, IQuerySession session, CurrentUser user, IncidentPersonalData personalData, CancellationToken ct)
    {
        var actor = Actor.From(user);
        var incident = await session.LoadAsync<OnlineSafetyIncident>(id, ct);
        if (incident is null || !Visibility.CanManage(incident, actor)) return Problems.IncidentNotFound(id);
        if (!Visibility.CanReadAccessLog(incident, actor))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only the DSL can read the access log",
                detail: "Ask the school's DSL for the incident's access log.");
        var audit = await session.Events.FetchStreamAsync(AuditStream.For(id), token: ct);
        await personalData.OpenCaseWorkAsync(session, [incident], ct);
        var entries = audit.Select(e => ToEntry(e.Data)).OfType<AccessLogEntry>()
            .Concat(incident.ImageryViews.Select(v => new AccessLogEntry(v.At, "imagery-viewed", v.By, v.ByName, v.Reason, null)))
            .OrderBy(e => e.At)
            .ToList();
        return TypedResults.Ok<IReadOnlyList<AccessLogEntry>>(entries);
    }

    private static async Task<Results<Ok<PupilChronology>, ProblemHttpResult>> Chronology(
        string pupilId, IDocumentSession session, CurrentUser user, TimeProvider clock, IncidentPersonalData personalData, CancellationToken ct)
    {
        var actor = Actor.From(user);
        if (!Visibility.CanReadChronology(actor))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only the school's DSL can read a pupil's chronology",
                detail: "A pupil's chronology across incidents is for the designated safeguarding lead alone. Ask your school's DSL, or open the individual incidents you handle.");
        var incidents = (await session.Query<OnlineSafetyIncident>().Where(i => i.PupilIds.Contains(pupilId)).ToListAsync(ct))
            .Where(i => Visibility.CanManage(i, actor)).ToList();
        var now = clock.GetUtcNow();
        foreach (var incident in incidents)
            session.Events.Append(AuditStream.For(incident.Id), Read(incident.Id, actor, now, $"pupil chronology ({pupilId})"));
        if (incidents.Count > 0) await session.SaveChangesAsync(ct);
        return TypedResults.Ok(PupilChronologyOf(pupilId, await personalData.OpenCaseWorkAsync(session, incidents, ct)));
    }

    public static PupilChronology PupilChronologyOf(string pupilId, IReadOnlyList<OnlineSafetyIncident> incidents)
    {
        var entries = incidents
            .SelectMany(i => i.Timeline
                .Where(t => t.PupilId is null || t.PupilId == pupilId)
                .Select(t => new ChronologyEntry(t.At, i.Id, t.Kind, t.Summary, t.By,
                    string.Join(", ", i.People.Where(p => p.PupilId == pupilId).Select(p => p.Role).Distinct(StringComparer.Ordinal)),
                    i.Category, i.Severity, i.Status)))
            .OrderBy(e => e.At)
            .ToList();
        return new PupilChronology(pupilId, incidents.Count, entries);
    }

    private static IncidentRecordRead Read(Guid id, Actor actor, DateTimeOffset at, string? purpose) =>
        new(id, actor.Id, actor.Name, string.Join(",", actor.Roles), at, string.IsNullOrWhiteSpace(purpose) ? null : purpose.Trim());

    private static AccessLogEntry? ToEntry(object data) => data switch
    {
        IncidentRecordRead r => new(r.At, "read", r.By, r.ByName, r.Purpose, r.Roles),
        ImageryUploadRefused r => new(r.At, "imagery-upload-refused", r.By, r.ByName, null, $"{r.ContentType}; {r.Category}"),
        EvidenceUploadRefused r => new(r.At, "evidence-upload-refused", r.By, r.ByName, null, r.ContentType),
        StoringEvidenceFiles.EvidenceFileViewed r => new(r.At, "evidence-file-viewed", r.By, r.ByName, null, $"evidence file {r.FileId}"),
        _ => null,
    };
}
