using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Reporting.Incidents;
using TrustSafety.Reporting.Periods;
using TrustSafety.Reporting.ReadModels;
using TrustSafety.Reporting.Suppression;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Reporting.ViewingTrustSummary;

public sealed record TrustSummaryView(string Trust, IncidentMatrix Incidents, SuppressionPolicy Suppression, Freshness.Freshness AsOf);
public sealed record TrustOverviewView(string Trust, string From, string To, TrustOverview Overview, SuppressionPolicy Suppression, Freshness.Freshness AsOf);

public static class TrustSummaryEndpoint
{
    public static RouteGroupBuilder MapTrustSummary(this RouteGroupBuilder trust)
    {
        trust.MapGet("/summary", Get).WithName("TrustSummary")
            .WithSummary("Incidents per school, category and month across the trust, small numbers suppressed");
        trust.MapGet("/overview", Overview).WithName("TrustOverview")
            .WithSummary("Every school side by side: incidents, open, referrals overdue, filtering per 100 pupils, coverage, devices; suppressed");
        return trust;
    }

    private static async Task<Results<Ok<TrustOverviewView>, ValidationProblem>> Overview(
        string? from, string? to, ReadModelReader reader, TrustSchools trust, TimeProvider time,
        Microsoft.Extensions.Options.IOptions<ReportingOptions> options, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var (range, errors) = MonthRange.Parse(from, to, now);
        if (range is null) return TypedResults.ValidationProblem(errors);
        var policy = SuppressionPolicy.SmallNumbers;
        var (overview, asOf) = await Read(reader, trust.Schools, range, policy, System.Text.Encoding.UTF8.GetBytes(options.Value.PseudonymKey), ct);
        return TypedResults.Ok(new TrustOverviewView(trust.Name, MonthRange.Key(range.First), MonthRange.Key(range.Last), overview, policy, asOf));
    }

    /// <summary>The overview's reads (also what bench/TrustSafety.ReportingBench measures): independent, each on its own pooled connection, at once.</summary>
    public static async Task<(TrustOverview Overview, Freshness.Freshness AsOf)> Read(ReadModelReader reader, IReadOnlyList<School> schools,
        MonthRange range, SuppressionPolicy policy, byte[] pseudonymKey, CancellationToken ct)
    {
        var figures = reader.Figures(schools, range, detail: false, ct, referralsMade: false);
        var categories = reader.TrustFilterCategories(range, ct);
        var freshness = reader.Freshness(schools.Select(s => s.Urn).ToList(), ct);
        await Task.WhenAll(figures, categories, freshness);
        return (TrustOverview.Build(await figures, await categories, policy, pseudonymKey), await freshness);
    }

    private static async Task<Results<Ok<TrustSummaryView>, ValidationProblem>> Get(
        string? from, string? to, ReadModelReader reader, TrustSchools trust, TimeProvider time, CancellationToken ct)
    {
        var (range, errors) = MonthRange.Parse(from, to, time.GetUtcNow());
        if (range is null) return TypedResults.ValidationProblem(errors);
        var urns = trust.Schools.Select(s => s.Urn).ToList();
        var cells = await reader.IncidentCells(urns, range, ct);
        var policy = SuppressionPolicy.SmallNumbers;
        return TypedResults.Ok(new TrustSummaryView(trust.Name, IncidentMatrix.Build(trust.Schools, range, cells, policy), policy,
            await reader.Freshness(urns, ct)));
    }
}
