using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Contracts.Reference;
using TrustSafety.Reporting.Figures;
using TrustSafety.Reporting.Incidents;
using TrustSafety.Reporting.Periods;
using TrustSafety.Reporting.ReadModels;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Reporting.ViewingSchoolSummary;

public sealed record SchoolSummaryView(School School, IncidentMatrix Incidents, SchoolFigures Figures, Freshness.Freshness AsOf);

public static class SchoolSummaryEndpoint
{
    public static RouteGroupBuilder MapSchoolSummary(this RouteGroupBuilder school)
    {
        school.MapGet("/summary", Get).WithName("SchoolSummary")
            .WithSummary("The caller's own school in full detail (no suppression)");
        return school;
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
