using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Reporting.Consuming;
using TrustSafety.Reporting.Periods;
using TrustSafety.Reporting.Suppression;
using TrustSafety.Reporting.VulnerableLearners;
using TrustSafety.Platform;

namespace TrustSafety.Reporting.ViewingVulnerableLearners;

/// <summary>A count and the share of incidents it is; the share is null whenever the count is withheld.</summary>
public sealed record ContextShare(string Context, Count Count, double? Percent);
public sealed record SchoolVulnerableLearners(string Urn, string Name, Count Incidents, IReadOnlyList<ContextShare> Contexts);
public sealed record VulnerableLearnersView(string From, string To, IReadOnlyList<SchoolVulnerableLearners> Schools,
    SchoolVulnerableLearners Trust, SuppressionPolicy Suppression);

/// <summary>
/// The trust lead's view: per school and trust-wide, the share of incidents involving a pupil with each vulnerability
/// context, suppressed as every other trust figure is (<see cref="SmallNumberSuppression"/>, one sum group per context
/// across the schools, as the trust overview does).
/// </summary>
public static class VulnerableLearnersReport
{
    private const string Total = "__total";

    public static VulnerableLearnersView Build(IReadOnlyList<School> schools, IReadOnlyList<VulnerabilityContextMonth> months,
        MonthRange range, SuppressionPolicy policy)
    {
        var keys = range.Months.Select(MonthRange.Key).ToHashSet(StringComparer.Ordinal);
        var bySchool = schools.ToDictionary(s => s.Urn, s =>
            LatestRevision.PerKey(months.Where(m => m.TenantId == s.Urn && keys.Contains(m.Month)), m => m.Month, m => m.Revision), StringComparer.Ordinal);

        (IReadOnlyDictionary<string, Count> Shown, IReadOnlyDictionary<string, int> Values) Across(Func<VulnerabilityContextMonth, int> metric)
        {
            var values = schools.ToDictionary(s => s.Urn, s => bySchool[s.Urn].Sum(metric), StringComparer.Ordinal);
            values[Total] = values.Values.Sum();
            return (SmallNumberSuppression.Apply(values, [new SumGroup(Total, schools.Select(s => s.Urn).ToList())], policy), values);
        }

        var incidents = Across(m => m.Incidents);
        var contexts = VulnerableLearnerContexts.All.ToDictionary(c => c, c => Across(m => m.Counts.GetValueOrDefault(c)), StringComparer.Ordinal);

        SchoolVulnerableLearners Row(string key, string urn, string name) => new(urn, name, incidents.Shown[key],
            VulnerableLearnerContexts.All.Select(c =>
            {
                var count = contexts[c].Shown[key];
                var of = incidents.Values[key];
                // A share is shown only beside both of its numbers: from a share and a shown count a withheld total could be worked out.
                double? percent = count.Value is { } v && incidents.Shown[key].Value is not null && of > 0 ? Math.Round(100.0 * v / of, 1) : null;
                return new ContextShare(c, count, percent);
            }).ToList());

        return new VulnerableLearnersView(MonthRange.Key(range.First), MonthRange.Key(range.Last),
            schools.Select(s => Row(s.Urn, s.Urn, s.Name)).ToList(), Row(Total, "trust", "All schools"), policy);
    }

    public static RouteGroupBuilder MapVulnerableLearners(this RouteGroupBuilder trust)
    {
        trust.MapGet("/vulnerable-learners", Get).WithName("TrustVulnerableLearners")
            .WithSummary("Per school and trust-wide, the share of incidents involving a looked-after, SEND, EHCP, CP/CIN-plan or young-carer pupil; small numbers suppressed, never an individual");
        return trust;
    }

    private static async Task<Results<Ok<VulnerableLearnersView>, ValidationProblem>> Get(string? from, string? to, IDocumentStore store,
        TrustSchools trust, TimeProvider time, CancellationToken ct)
    {
        var (range, errors) = MonthRange.Parse(from, to, time.GetUtcNow());
        if (range is null) return TypedResults.ValidationProblem(errors);
        var urns = trust.Schools.Select(s => s.Urn).ToArray();
        var keys = range.Months.Select(MonthRange.Key).ToArray();
        await using var query = store.QuerySession();
        var months = await query.Query<VulnerabilityContextMonth>().Where(m => m.TenantIsOneOf(urns) && keys.Contains(m.Month)).ToListAsync(ct);
        return TypedResults.Ok(Build(trust.Schools, months, range, SuppressionPolicy.SmallNumbers));
    }
}
