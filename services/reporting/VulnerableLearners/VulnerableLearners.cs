using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Contracts.Incident;
using TrustSafety.Contracts.Reference;
using TrustSafety.Reporting.Consuming;
using TrustSafety.Reporting.Periods;
using TrustSafety.Reporting.Rollups;
using TrustSafety.Reporting.Suppression;
using TrustSafety.Platform;

namespace TrustSafety.Reporting.VulnerableLearners;

/// <summary>
/// One school's month as the incident service last counted it (issue 15 point 5): incidents reported, and how many of
/// them involve a pupil with each vulnerability context. Counts only: nothing here names an incident or a pupil.
/// </summary>
public sealed class VulnerabilityContextMonth : Marten.Metadata.ITenanted
{
    public string Id { get; set; } = "";
    public string? TenantId { get; set; }
    public string Month { get; set; } = "";
    public int Revision { get; set; }
    public Dictionary<string, int> Counts { get; set; } = [];
    public int Incidents { get; set; }
}

public sealed class VulnerabilityContextCountedConsumer(IDocumentStore store, TimeProvider time)
    : ReportingConsumer<VulnerabilityContextCounted>(store, time)
{
    protected override async Task Project(VulnerabilityContextCounted m, IDocumentSession session, RollupChanges rollups, CancellationToken ct)
    {
        // A month's counts arrive whole, in any order and at once (consumers run in parallel): each revision is its own
        // document, so no two deliveries write the same row; a higher one removes the lower ones and the read takes the highest.
        if (await session.Query<VulnerabilityContextMonth>().AnyAsync(d => d.Month == m.Month && d.Revision >= m.Revision, ct)) return;
        session.DeleteWhere<VulnerabilityContextMonth>(d => d.Month == m.Month && d.Revision < m.Revision);
        session.Store(new VulnerabilityContextMonth
        {
            Id = $"{m.Month}|{m.Revision}", Month = m.Month, Revision = m.Revision, Incidents = m.Incidents, Counts = VulnerableLearnerContexts.Of(m),
        });
    }
}

public static class VulnerableLearnerContexts
{
    public const string LookedAfter = "looked-after";
    public const string PreviouslyLookedAfter = "previously-looked-after";
    public const string Send = "send";
    public const string Ehcp = "ehcp";
    public const string ChildProtectionPlan = "child-protection-plan";
    public const string ChildInNeedPlan = "child-in-need-plan";
    public const string YoungCarer = "young-carer";

    public static readonly IReadOnlyList<string> All =
        [LookedAfter, PreviouslyLookedAfter, Send, Ehcp, ChildProtectionPlan, ChildInNeedPlan, YoungCarer];

    public static Dictionary<string, int> Of(VulnerabilityContextCounted m) => new(StringComparer.Ordinal)
    {
        [LookedAfter] = m.LookedAfter, [PreviouslyLookedAfter] = m.PreviouslyLookedAfter, [Send] = m.Send, [Ehcp] = m.Ehcp,
        [ChildProtectionPlan] = m.ChildProtectionPlan, [ChildInNeedPlan] = m.ChildInNeedPlan, [YoungCarer] = m.YoungCarer,
    };
}

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
