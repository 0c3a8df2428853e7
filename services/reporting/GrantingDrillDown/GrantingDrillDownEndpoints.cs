using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.EventSourcing;
using TrustSafety.Reporting.Incidents;
using TrustSafety.Reporting.Periods;
using TrustSafety.Reporting.ReadModels;
using TrustSafety.Reporting.Grants;
using TrustSafety.Reporting.ViewingSchoolSummary;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.ServiceDefaults.Http;
using TrustSafety.Platform;

namespace TrustSafety.Reporting.GrantingDrillDown;

public sealed record GrantedSchoolSummary(GrantView Grant, SchoolSummaryView Summary);
public sealed record GrantedIncidents(GrantView Grant, IReadOnlyList<IncidentRow> Incidents, int Page, int PageSize, long Total, bool HasNextPage);

public static class GrantingDrillDownEndpoints
{
    /// <summary>The newest grants a list shows; older ones stay in the audit trail.</summary>
    public const int MaxGrantsListed = 200;

    /// <summary>Taking a grant and the list of grants (mapped before <c>DELETE /grants/{id}</c>, RevokingGrants/).</summary>
    public static WebApplication MapGrants(this WebApplication app)
    {
        var grants = app.MapGroup("/grants").WithTags("grants");
        grants.MapPost("/", Issue).WithName("IssueDrillDownGrant").RequireAuthorization(PlatformPolicies.TrustLead)
            .WithSummary("Trust lead: take a time-limited, reasoned grant to see one school's detail");
        grants.MapGet("/", List).WithName("ListDrillDownGrants").WithSummary("Trust lead: their grants; DSL/deputy/headteacher: every grant into their school, with each read");
        return app;
    }

    /// <summary>A school's detail under an active grant, every read audited.</summary>
    public static WebApplication MapDrillDown(this WebApplication app)
    {
        var school = app.MapGroup("/trust/schools/{urn}").WithTags("trust").RequireAuthorization(PlatformPolicies.TrustLead);
        school.MapGet("/summary", Summary).WithName("GetGrantedSchoolSummary").WithSummary("A school's full summary under an active grant (audited)");
        school.MapGet("/incidents", Incidents).WithName("ListGrantedSchoolIncidents")
            .WithSummary("A school's incident list under an active grant (audited), newest first, paged (page, pageSize), optionally within from/to; " +
                         "allegations against staff are not shown (DSL and headteacher only, as in the incident service)");
        return app;
    }

    private static async Task<Results<Created<GrantView>, ValidationProblem>> Issue(
        IssueGrant request, CurrentUser user, IDocumentStore store, TrustSchools trust, TimeProvider time, CancellationToken ct)
    {
        var (issued, errors) = GrantDecisions.Issue(request, trust.Schools.Select(s => s.Urn).ToList(), user.Id, user.Name,
            Guid.CreateVersion7(), time.GetUtcNow());
        if (issued is null) return TypedResults.ValidationProblem(errors);
        await using var session = store.LightweightSession(issued.SchoolUrn);
        session.Events.StartStream<DrillDownGrant>(issued.GrantId, issued);
        await session.SaveChangesAsync(ct);
        return TypedResults.Created($"/grants/{issued.GrantId}", GrantView.Of(DrillDownGrant.Create(issued), trust, [], time.GetUtcNow(), version: 1));
    }

    private static async Task<Results<Ok<IReadOnlyList<GrantView>>, ForbidHttpResult>> List(
        CurrentUser user, IDocumentStore store, TrustSchools trust, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var session = store.QuerySession();
        if (user.IsInRole(PlatformRoles.TrustLead))
        {
            var mine = await session.Query<DrillDownGrant>().Where(g => g.TenantIsOneOf(trust.Schools.Select(s => s.Urn).ToArray()))
                .Where(g => g.GrantedTo == user.Id).OrderByDescending(g => g.IssuedAt).Take(MaxGrantsListed).ToListAsync(ct);
            return TypedResults.Ok<IReadOnlyList<GrantView>>(mine.Select(g => GrantView.Of(g, trust, [], now, g.Version)).ToList());
        }
        if (user.SchoolUrn is null || !user.IsInAnyRole(PlatformRoles.SafeguardingTeam)) return TypedResults.Forbid();

        await using var school = store.QuerySession(user.SchoolUrn);
        var grants = await school.Query<DrillDownGrant>().OrderByDescending(g => g.IssuedAt).Take(MaxGrantsListed).ToListAsync(ct);
        var ids = grants.Select(g => g.Id).ToArray();
        var reads = await school.Query<GrantRead>().Where(r => r.GrantId.IsOneOf(ids)).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<GrantView>>(grants.Select(g => GrantView.Of(g, trust,
            reads.Where(r => r.GrantId == g.Id).OrderBy(r => r.At).Select(r => new ReadView(r.By, r.ByName, r.What, r.At)).ToList(), now, g.Version)).ToList());
    }

    private static async Task<Results<Ok<GrantedSchoolSummary>, ValidationProblem, NotFound, ProblemHttpResult>> Summary(
        string urn, string? from, string? to, CurrentUser user, IDocumentStore store, ReadModelReader reader, TrustSchools trust,
        TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var (range, errors) = MonthRange.Parse(from, to, now);
        if (range is null) return TypedResults.ValidationProblem(errors);
        var school = trust.Find(urn);
        if (school is null) return TypedResults.NotFound();
        var (grant, refusal) = await ActiveGrant(store, urn, user, now, ct);
        if (grant is null) return refusal!;
        await Audit(store, grant, user, $"summary {MonthRange.Key(range.First)}..{MonthRange.Key(range.Last)}", now, ct);
        return TypedResults.Ok(new GrantedSchoolSummary(GrantView.Of(grant, trust, [], now, grant.Version),
            await SchoolSummaryEndpoint.Build(school, range, reader, ct)));
    }

    private static async Task<Results<Ok<GrantedIncidents>, ValidationProblem, NotFound, ProblemHttpResult>> Incidents(
        string urn, string? from, string? to, int? page, int? pageSize, CurrentUser user, IDocumentStore store, TrustSchools trust,
        TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        MonthRange? range = null;
        if (from is not null || to is not null) (range, errors) = MonthRange.Parse(from, to, now);
        var (p, size) = IncidentList.Paging(page, pageSize, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (trust.Find(urn) is null) return TypedResults.NotFound();
        var (grant, refusal) = await ActiveGrant(store, urn, user, now, ct);
        if (grant is null) return refusal!;
        await Audit(store, grant, user, p == 1 ? "incident list" : $"incident list page {p}", now, ct);
        var result = await IncidentList.Read(store, urn, range, null, null, IncidentList.SeesStaffAllegations(user), p, size, ct);
        return TypedResults.Ok(new GrantedIncidents(GrantView.Of(grant, trust, [], now, grant.Version), result.Items, result.Page, result.PageSize, result.Total, result.HasNextPage));
    }

    private static async Task<(DrillDownGrant?, ProblemHttpResult?)> ActiveGrant(
        IDocumentStore store, string urn, CurrentUser user, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = store.QuerySession(urn);
        var grants = await session.Query<DrillDownGrant>().Where(g => g.GrantedTo == user.Id).ToListAsync(ct);
        var active = grants.FirstOrDefault(g => GrantDecisions.AllowsRead(g, user.Id, now));
        if (active is not null) return (active, null);
        var expired = grants.Any(g => g.StatusAt(now) == "expired");
        return (null, TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
            title: expired ? "Your grant for this school has expired" : "No grant for this school",
            detail: "A school's detail needs an active drill-down grant: POST /grants with schoolUrn, reason and hours. The school's DSL sees it."));
    }

    private static async Task Audit(IDocumentStore store, DrillDownGrant grant, CurrentUser user, string what, DateTimeOffset now, CancellationToken ct)
    {
        await using var session = store.LightweightSession(grant.SchoolUrn);
        var read = new DrillDownRead(grant.Id, grant.SchoolUrn, user.Id, user.Name, what, now);
        var id = Guid.CreateVersion7();
        session.Events.StartStream(id, read);
        session.Store(new GrantRead { Id = id, GrantId = read.GrantId, By = read.By, ByName = read.ByName, What = read.What, At = read.At });
        await session.SaveChangesAsync(ct);
    }
}
