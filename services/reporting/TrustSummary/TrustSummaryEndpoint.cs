using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Reporting.Incidents;
using TrustSafety.Reporting.Periods;
using TrustSafety.Reporting.ReadModels;
using TrustSafety.Reporting.Suppression;
using TrustSafety.Reporting.Trust;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.Reporting.TrustSummary;

public sealed record TrustSummaryView(string Trust, IncidentMatrix Incidents, SuppressionPolicy Suppression, Freshness.Freshness AsOf);

public static class TrustSummaryEndpoint
{
    public static RouteGroupBuilder MapTrustSummary(this RouteGroupBuilder trust)
    {
        trust.MapGet("/summary", Get).WithName("TrustSummary")
            .WithSummary("Incidents per school, category and month across the trust, small numbers suppressed");
        return trust;
    }

    private static async Task<Results<Ok<TrustSummaryView>, ValidationProblem>> Get(
        string? from, string? to, ReadModelReader reader, TrustOptions trust, TimeProvider time, CancellationToken ct)
    {
        var (range, errors) = MonthRange.Parse(from, to, time.GetUtcNow());
        if (range is null) return TypedResults.ValidationProblem(errors);
        var urns = trust.Schools.Select(s => s.Urn).ToList();
        var incidents = await reader.Incidents(urns, ct);
        var policy = SuppressionPolicy.SmallNumbers;
        return TypedResults.Ok(new TrustSummaryView(trust.Name, IncidentMatrix.Build(trust.Schools, range, incidents, policy), policy,
            await reader.Freshness(urns, ct)));
    }
}
