using JasperFx.Events;
using TrustSafety.Contracts;
using TrustSafety.Contracts.Reference;
using TrustSafety.Incident.Incidents;
using TrustSafety.EventSourcing.EventStore;
using Wire = TrustSafety.Contracts.Incident;

namespace TrustSafety.Incident.Publishing;

/// <summary>What other services learn from the incident log: ids, categories, severity, outcome codes and dates; never a name or free text.</summary>
public sealed class IncidentIntegrationEvents : IIntegrationEventMapper
{
    public IReadOnlyCollection<Type> ForwardedEventTypes { get; } =
    [
        typeof(ConcernReported), typeof(IncidentTriaged), typeof(ReferralMade), typeof(ReferralOutcomeRecorded),
        typeof(IncidentClosed), typeof(IncidentReopened), typeof(AssessingRisk.ImmediateDangerFlagged),
        typeof(TaskAssigned), typeof(TaskCompleted), typeof(PupilContext.VulnerabilityContextCounted),
    ];

    public IIntegrationEvent? Map(IEvent committed) => Map(committed.Data, committed.TenantId, committed.Timestamp);

    public static IIntegrationEvent? Map(object data, string school, DateTimeOffset at) => data switch
    {
        ConcernReported e => new Wire.IncidentReported(e.IncidentId, school, at, e.HappenedAt, e.Source, e.SuggestedCategory,
            e.SuggestedFourC, e.AllegationAgainstStaff),
        IncidentTriaged e => new Wire.IncidentTriaged(e.IncidentId, school, at, e.ReportedAt, e.Category, e.FourC, e.Severity, e.Illegal),
        ReferralMade e => new Wire.ReferralMade(e.IncidentId, e.ReferralId, school, at, e.Destination, e.MadeOn, e.DueOn),
        ReferralOutcomeRecorded e => new Wire.ReferralOutcomeRecordedV2(e.IncidentId, e.ReferralId, school, at, e.Destination,
            e.OutcomeCode ?? ReferralOutcomes.NotCoded, e.ReceivedOn),
        IncidentClosed e => new Wire.IncidentClosed(e.IncidentId, school, at, e.OutcomeCode ?? IncidentOutcomes.NotCoded, e.Category,
            e.Severity, e.ReportedAt),
        IncidentReopened e => new Wire.IncidentReopened(e.IncidentId, school, at),
        AssessingRisk.ImmediateDangerFlagged e => new Wire.ImmediateDangerRaised(e.IncidentId, school, at, e.EmergencyServicesCalled,
            e.AllegationAgainstStaff),
        TaskAssigned e => new Wire.TaskAssigned(e.IncidentId, e.TaskId, school, at, e.AssigneeId, e.By, e.DueOn),
        TaskCompleted e => new Wire.TaskCompleted(e.IncidentId, e.TaskId, school, at),
        PupilContext.VulnerabilityContextCounted e => e.ToWire(school, at),
        _ => null,
    };
}
