using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Reporting.Governance;
using TrustSafety.Reporting.PrintingGovernorPack;
using TrustSafety.Reporting.Suppression;
using TrustSafety.Platform;

namespace TrustSafety.Reporting.ViewingTrainingCompliance;

public sealed record OverduePolicy(string Code, string Title, DateOnly DueOn, string? Reason);

/// <summary>A school's training compliance and overdue policy reviews on a day. Percentages of fewer than five people are withheld.</summary>
public sealed record SchoolGovernance(string Urn, string Name, int People, int Compliant, double? Percent, string Display, int Overdue,
    IReadOnlyList<OverduePolicy> OverduePolicies)
{
    public const int MinimumPeople = 5;

    public static SchoolGovernance Of(string urn, string name, IEnumerable<TrainingFact> people, IEnumerable<PolicyReviewFact> policies, DateOnly day,
        SuppressionPolicy policy)
    {
        var active = people.Where(p => p.Active).ToList();
        var compliant = active.Count(p => p.CompliantOn(day));
        var small = active.Count is > 0 and < MinimumPeople;
        double? percent = active.Count == 0 || small ? null : Math.Round(100.0 * compliant / active.Count, 1);
        var display = active.Count == 0 ? "no records" : small ? policy.PrimaryMark : percent!.Value.ToString("0.#", CultureInfo.InvariantCulture);
        var overdue = policies.Where(p => p.DueOn < day).OrderBy(p => p.DueOn).Select(p => new OverduePolicy(p.Id, p.Title, p.DueOn, p.Reason)).ToList();
        return new SchoolGovernance(urn, name, small ? 0 : active.Count, small ? 0 : compliant, percent, display, overdue.Count, overdue);
    }

    public static readonly TimeZoneInfo SchoolTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), SchoolTime).DateTime);

    /// <summary>Each school's figures, read from the facts of those schools only.</summary>
    public static async Task<IReadOnlyList<SchoolGovernance>> ForAsync(IDocumentStore store, IReadOnlyList<School> schools, DateOnly day,
        CancellationToken ct)
    {
        var urns = schools.Select(s => s.Urn).ToArray();
        await using var query = store.QuerySession();
        var people = await query.Query<TrainingFact>().Where(f => f.TenantIsOneOf(urns)).ToListAsync(ct);
        var policies = await query.Query<PolicyReviewFact>().Where(f => f.TenantIsOneOf(urns)).ToListAsync(ct);
        return schools.Select(s => Of(s.Urn, s.Name, people.Where(p => p.TenantId == s.Urn),
            policies.Where(p => p.TenantId == s.Urn), day, SuppressionPolicy.SmallNumbers)).ToList();
    }

    /// <summary>The governor pack's lines: training compliance and overdue policy reviews, per school.</summary>
    public static IEnumerable<PackLine> PackLines(IReadOnlyList<SchoolGovernance> schools, DateOnly day)
    {
        var on = day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        foreach (var s in schools)
        {
            var prefix = schools.Count > 1 ? s.Name + ": " : "";
            yield return new("Training and policies", prefix + $"Staff and governors with training up to date on {on} (%)", s.Display);
            if (s.OverduePolicies.Count == 0)
                yield return new("Training and policies", prefix + "Policy reviews overdue", "none");
            foreach (var p in s.OverduePolicies)
                yield return new("Training and policies", prefix + $"Policy review overdue: {p.Title}",
                    "due " + p.DueOn.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) + (p.Reason is null ? "" : $" ({p.Reason})"));
        }
    }
}

public static class TrainingComplianceEndpoint
{
    public static RouteGroupBuilder MapTrainingCompliance(this RouteGroupBuilder trust)
    {
        trust.MapGet("/training-compliance", Get).WithName("TrustTrainingCompliance")
            .WithSummary("Training compliance and overdue policy reviews by school today; a school with fewer than five people is withheld");
        return trust;
    }

    private static async Task<Ok<IReadOnlyList<SchoolGovernance>>> Get(IDocumentStore store, TrustSchools trust, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(await SchoolGovernance.ForAsync(store, trust.Schools, SchoolGovernance.Today(time), ct));
}
