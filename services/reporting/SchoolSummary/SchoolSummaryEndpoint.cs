using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Contracts.Reference;
using TrustSafety.Reporting.Figures;
using TrustSafety.Reporting.Incidents;
using TrustSafety.Reporting.Periods;
using TrustSafety.Reporting.ReadModels;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Reporting.SchoolSummary;

public sealed record SchoolSummaryView(School School, IncidentMatrix Incidents, SchoolFigures Figures, Freshness.Freshness AsOf);

public static class SchoolSummaryEndpoint
{
    public static RouteGroupBuilder MapSchoolSummary(this RouteGroupBuilder school)
    {
        school.MapGet("/summary", Get).WithName("SchoolSummary")
            .WithSummary("The caller's own school in full detail (no suppression)");
        school.MapGet("/incidents", Incidents).WithName("SchoolIncidents")
            .WithSummary("The caller's own school's incidents, newest first, filtered by month range, status (open|closed) and category; " +
                         "paged with page and pageSize (X-Total-Count and Link headers); allegations against staff for the DSL and headteacher only");
        return school;
    }

    private static async Task<Results<Ok<IReadOnlyList<IncidentRow>>, ValidationProblem>> Incidents(
        string? from, string? to, string? status, string? category, int? page, int? pageSize, CurrentUser user, IDocumentStore store,
        TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var (range, errors) = MonthRange.Parse(from, to, time.GetUtcNow());
        if (status is not null and not "open" and not "closed") errors["status"] = ["Use status=open or status=closed, or leave it out."];
        var (p, size) = IncidentList.Paging(page, pageSize, errors);
        if (range is null || errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var result = await IncidentList.Read(store, user.Tenant, range, status, category, IncidentList.SeesStaffAllegations(user), p, size, ct);
        Pages.Describe(http, result);
        return TypedResults.Ok(result.Items);
    }

    private static async Task<Results<Ok<SchoolSummaryView>, ValidationProblem, NotFound>> Get(
        string? from, string? to, CurrentUser user, ReadModelReader reader, TrustSchools trust, TimeProvider time, CancellationToken ct)
    {
        var (range, errors) = MonthRange.Parse(from, to, time.GetUtcNow());
        if (range is null) return TypedResults.ValidationProblem(errors);
        var school = trust.Find(user.Tenant);
        if (school is null) return TypedResults.NotFound();
        return TypedResults.Ok(await Build(school, range, reader, ct));
    }

    public static async Task<SchoolSummaryView> Build(School school, MonthRange range, ReadModelReader reader, CancellationToken ct)
    {
        var figures = reader.Figures([school], range, detail: true, ct);
        var cells = reader.IncidentCells([school.Urn], range, ct);
        var freshness = reader.Freshness([school.Urn], ct);
        await Task.WhenAll(figures, cells, freshness);
        return new SchoolSummaryView(school, IncidentMatrix.Build([school], range, await cells, suppression: null), (await figures).Single(),
            await freshness);
    }
}

/// <summary>Paging told in headers, so a list keeps its plain-array body: X-Total-Count, and Link rel="next" while there is more.</summary>
public static class Pages
{
    public static void Describe(HttpContext http, IncidentPage page)
    {
        http.Response.Headers["X-Total-Count"] = page.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!page.HasNextPage) return;
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(http.Request.QueryString.Value)
            .ToDictionary(q => q.Key, q => (string?)q.Value.ToString(), StringComparer.Ordinal);
        query["page"] = (page.Page + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        query["pageSize"] = page.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.Headers.Link = $"<{Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(http.Request.Path, query)}>; rel=\"next\"";
    }
}
