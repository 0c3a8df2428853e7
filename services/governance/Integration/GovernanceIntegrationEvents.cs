using JasperFx.Events;
using TrustSafety.Contracts;
using TrustSafety.Governance.Policies;
using TrustSafety.Governance.Training;
using TrustSafety.EventSourcing.EventStore;
using Contract = TrustSafety.Contracts.Governance;

namespace TrustSafety.Governance.Integration;

/// <summary>What reporting learns from governance: a person's training position (id and role, never a name) and policy review dates.</summary>
public sealed class GovernanceIntegrationEvents : IIntegrationEventMapper
{
    public IReadOnlyCollection<Type> ForwardedEventTypes { get; } = [typeof(TrainingStatusRecorded), typeof(PolicyReviewDueSet)];

    public IIntegrationEvent? Map(IEvent committed) => committed.Data switch
    {
        TrainingStatusRecorded e => new Contract.TrainingStatusChanged(committed.TenantId, e.At, e.PersonId, e.Role, e.Active, e.InductionComplete,
            e.InductionDueOn, e.Requirements),
        PolicyReviewDueSet e => new Contract.PolicyReviewDue(committed.TenantId, e.At, e.Code, e.Title, e.Version, e.DueOn, e.Reason),
        _ => null,
    };
}
