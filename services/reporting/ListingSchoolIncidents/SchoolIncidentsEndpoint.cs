using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Reporting.Incidents;
using TrustSafety.Reporting.Periods;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.Reporting.ListingSchoolIncidents;

public static class SchoolIncidentsEndpoint
{
    public static RouteGroupBuilder MapSchoolIncidents(this RouteGroupBuilder school)
    {
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
