using Marten;
using TrustSafety.Contracts.Governance;
using TrustSafety.Reporting.Consuming;
using TrustSafety.Reporting.Rollups;

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
