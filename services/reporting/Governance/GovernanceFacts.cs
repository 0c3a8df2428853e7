using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Contracts.Governance;
using TrustSafety.Contracts.Reference;
using TrustSafety.Reporting.Consuming;
using TrustSafety.Reporting.Packs;
using TrustSafety.Reporting.Rollups;
using TrustSafety.Reporting.Suppression;
using TrustSafety.Platform;

namespace TrustSafety.Reporting.Governance;

/// <summary>A person's training position as governance last told it (internal id and role, never a name).</summary>
public sealed class TrainingFact : Marten.Metadata.ITenanted
{
    public string Id { get; set; } = "";
    public string? TenantId { get; set; }
    public string Role { get; set; } = "";
    public bool Active { get; set; }
    public bool InductionComplete { get; set; }
    public DateOnly InductionDueOn { get; set; }
    public List<TrainingRequirementStatus> Requirements { get; set; } = [];
    public DateTimeOffset At { get; set; }

    /// <summary>Every required training still counts on <paramref name="day"/> and induction is done.</summary>
    public bool CompliantOn(DateOnly day) => InductionComplete && Requirements.All(r => r.ValidUntil is { } until && until >= day);
}

/// <summary>When one of the school's policies is next due for review.</summary>
public sealed class PolicyReviewFact : Marten.Metadata.ITenanted
{
    public string Id { get; set; } = "";
    public string? TenantId { get; set; }
    public string Title { get; set; } = "";
    public int Version { get; set; }
    public DateOnly DueOn { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset At { get; set; }
}

public sealed class TrainingStatusChangedConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<TrainingStatusChanged>(store, time)
{
    protected override async Task Project(TrainingStatusChanged m, IDocumentSession session, RollupChanges rollups, CancellationToken ct)
    {
        // Positions arrive in any order: the latest one stands.
        await LatestRevision.KeepAsync(session, m.PersonId, new TrainingFact
        {
            Id = m.PersonId, Role = m.Role, Active = m.Active, InductionComplete = m.InductionComplete, InductionDueOn = m.InductionDueOn,
            Requirements = [.. m.Requirements], At = m.OccurredAt,
        }, f => f.At, ct);
    }
}

public sealed class PolicyReviewDueConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<PolicyReviewDue>(store, time)
{
    protected override async Task Project(PolicyReviewDue m, IDocumentSession session, RollupChanges rollups, CancellationToken ct)
    {
        await LatestRevision.KeepAsync(session, m.PolicyCode,
            new PolicyReviewFact { Id = m.PolicyCode, Title = m.Title, Version = m.Version, DueOn = m.DueOn, Reason = m.Reason, At = m.OccurredAt },
            f => f.At, ct);
    }
}

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
