using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Contracts.Reference;
using TrustSafety.Reporting.Figures;
using TrustSafety.Reporting.Incidents;
using TrustSafety.Reporting.Periods;
using TrustSafety.Reporting.ReadModels;
using TrustSafety.Reporting.Trust;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.Reporting.SchoolSummary;

public sealed record SchoolSummaryView(School School, IncidentMatrix Incidents, SchoolFigures Figures, Freshness.Freshness AsOf);

public static class SchoolSummaryEndpoint
{
    public static RouteGroupBuilder MapSchoolSummary(this RouteGroupBuilder school)
    {
        school.MapGet("/summary", Get).WithName("SchoolSummary")
            .WithSummary("The caller's own school in full detail (no suppression)");
        school.MapGet("/incidents", Incidents).WithName("SchoolIncidents")
            .WithSummary("The caller's own school's incidents, filtered by month range, status (open|closed) and category");
        return school;
    }

    private static async Task<Results<Ok<IReadOnlyList<IncidentRow>>, ValidationProblem>> Incidents(
        string? from, string? to, string? status, string? category, CurrentUser user, ReadModelReader reader, TimeProvider time, CancellationToken ct)
    {
        var (range, errors) = MonthRange.Parse(from, to, time.GetUtcNow());
        if (status is not null and not "open" and not "closed") errors["status"] = ["Use status=open or status=closed, or leave it out."];
        if (range is null || errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var rows = (await reader.Incidents([user.Tenant], ct))
            .Where(i => range.Contains(i.ReportedAt))
            .Where(i => status is null || i.Open == (status == "open"))
            .Where(i => category is null || i.Category == category)
            .OrderByDescending(i => i.ReportedAt).ToList();
        return TypedResults.Ok<IReadOnlyList<IncidentRow>>(rows);
    }

    private static async Task<Results<Ok<SchoolSummaryView>, ValidationProblem, NotFound>> Get(
        string? from, string? to, CurrentUser user, ReadModelReader reader, TrustOptions trust, TimeProvider time, CancellationToken ct)
    {
        var (range, errors) = MonthRange.Parse(from, to, time.GetUtcNow());
        if (range is null) return TypedResults.ValidationProblem(errors);
        var school = trust.Find(user.Tenant);
        if (school is null) return TypedResults.NotFound();
        var view = await Build(school, range, reader, time.GetUtcNow(), ct);
        return TypedResults.Ok(view);
    }

    internal static async Task<SchoolSummaryView> Build(School school, MonthRange range, ReadModelReader reader, DateTimeOffset now,
        CancellationToken ct)
    {
        var facts = (await reader.Facts([school], ct)).Single();
        return new SchoolSummaryView(school, IncidentMatrix.Build([school], range, facts.Incidents, suppression: null),
            SchoolFigures.Compute(facts, range, now), await reader.Freshness([school.Urn], ct));
    }
}
