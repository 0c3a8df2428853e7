using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Governance.Training;

namespace TrustSafety.Governance.AuditingTraining;

/// <summary>The school's annual training audit for an academic year (1 September to 31 August), as governors read it.</summary>
public static class GetTrainingAuditEndpoint
{
    public static void MapGetTrainingAudit(this RouteGroupBuilder t) =>
        t.MapGet("/audit", Audit).RequireAuthorization(GovernancePolicies.Oversee).WithName("GetTrainingAudit")
            .WithSummary("The school's annual training audit: year=2026 for 2026/27 (default: the current academic year)");

    private static async Task<Results<Ok<TrainingAudit>, ValidationProblem>> Audit(int? year, IQuerySession session, SchoolDay day, CancellationToken ct)
    {
        var current = SchoolDay.AcademicYearOf(day.Today);
        var v = new FieldErrors().Require(year is null || (year >= 2000 && year <= current), "year",
            $"Give the academic year's first calendar year, 2000-{current} (e.g. {current} for {current}/{(current + 1) % 100:00}).");
        if (!v.IsValid) return v.Problem();
        var requirements = await TrainingQueries.RequirementsOf(session, ct);
        var people = await session.Query<StaffTraining>().ToListAsync(ct);
        return TypedResults.Ok(TrainingRules.Audit(year ?? current,
            people.Select(p => (p, requirements.For(p.Role))).ToList(), day.Today));
    }
}
