using Marten;
using TrustSafety.Contracts.Incident;
using TrustSafety.Reporting.Consuming;
using TrustSafety.Reporting.Rollups;

namespace TrustSafety.Reporting.Incidents;

public sealed class IncidentReportedConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<IncidentReported>(store, time)
{
    protected override Task Project(IncidentReported m, IDocumentSession session, RollupChanges rollups, CancellationToken ct) =>
        IncidentEntry.Apply(session, m.SchoolUrn, m.IncidentId, e => e.Take(new ReportedIncident
        {
            Id = m.IncidentId, SchoolUrn = m.SchoolUrn, ReportedAt = m.OccurredAt, HappenedAt = m.HappenedAt, Source = m.Source,
            Category = m.Category, FourC = m.FourC, AllegationAgainstStaff = m.AllegationAgainstStaff,
        }), rollups, ct);
}

public sealed class IncidentTriagedConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<IncidentTriaged>(store, time)
{
    protected override Task Project(IncidentTriaged m, IDocumentSession session, RollupChanges rollups, CancellationToken ct) =>
        IncidentEntry.Apply(session, m.SchoolUrn, m.IncidentId, e => e.Take(new TriagedIncident
        {
            Id = m.IncidentId, SchoolUrn = m.SchoolUrn, ReportedAt = m.ReportedAt, FirstTriagedAt = m.OccurredAt, LastTriagedAt = m.OccurredAt,
            Category = m.Category, FourC = m.FourC, Severity = m.Severity, Illegal = m.Illegal,
        }), rollups, ct);
}

public sealed class IncidentClosedConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<IncidentClosed>(store, time)
{
    protected override Task Project(IncidentClosed m, IDocumentSession session, RollupChanges rollups, CancellationToken ct) =>
        IncidentEntry.Apply(session, m.SchoolUrn, m.IncidentId, e => e.Take(new IncidentStatusChange
        {
            Id = StatusChangeId(m.IncidentId, m.OccurredAt, true), IncidentId = m.IncidentId, SchoolUrn = m.SchoolUrn, Closed = true,
            At = m.OccurredAt, Outcome = m.Outcome,
        }), rollups, ct);

    internal static Guid StatusChangeId(Guid incident, DateTimeOffset at, bool closed) =>
        new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes($"{incident:N}|{at.UtcTicks}|{closed}")));
}

public sealed class IncidentReopenedConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<IncidentReopened>(store, time)
{
    protected override Task Project(IncidentReopened m, IDocumentSession session, RollupChanges rollups, CancellationToken ct) =>
        IncidentEntry.Apply(session, m.SchoolUrn, m.IncidentId, e => e.Take(new IncidentStatusChange
        {
            Id = IncidentClosedConsumer.StatusChangeId(m.IncidentId, m.OccurredAt, false), IncidentId = m.IncidentId, SchoolUrn = m.SchoolUrn,
            Closed = false, At = m.OccurredAt,
        }), rollups, ct);
}

public sealed class ReferralMadeConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<ReferralMade>(store, time)
{
    protected override Task Project(ReferralMade m, IDocumentSession session, RollupChanges rollups, CancellationToken ct) =>
        ReferralEntry.Apply(session, m.SchoolUrn, m.ReferralId, e => e.Made = new ReferralRecord
        {
            Id = m.ReferralId, IncidentId = m.IncidentId, SchoolUrn = m.SchoolUrn, Destination = m.Destination, MadeOn = m.MadeOn,
            DueOn = m.DueOn, At = m.OccurredAt,
        }, rollups, ct);
}

/// <summary>A v1 outcome (free text) still in the queue from before the upgrade: counted, its words never kept.</summary>
public sealed class ReferralOutcomeRecordedConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<ReferralOutcomeRecorded>(store, time)
{
    protected override Task Project(ReferralOutcomeRecorded m, IDocumentSession session, RollupChanges rollups, CancellationToken ct) =>
        ReferralEntry.Apply(session, m.SchoolUrn, m.ReferralId, e => e.Outcome = new ReferralOutcomeRecord
        {
            Id = m.ReferralId, IncidentId = m.IncidentId, SchoolUrn = m.SchoolUrn, Destination = m.Destination,
            Outcome = Contracts.Reference.ReferralOutcomes.NotCoded, At = m.OccurredAt,
        }, rollups, ct);
}

public sealed class ReferralOutcomeRecordedV2Consumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<ReferralOutcomeRecordedV2>(store, time)
{
    protected override Task Project(ReferralOutcomeRecordedV2 m, IDocumentSession session, RollupChanges rollups, CancellationToken ct) =>
        ReferralEntry.Apply(session, m.SchoolUrn, m.ReferralId, e => e.Outcome = new ReferralOutcomeRecord
        {
            Id = m.ReferralId, IncidentId = m.IncidentId, SchoolUrn = m.SchoolUrn, Destination = m.Destination, Outcome = m.OutcomeCode, At = m.OccurredAt,
        }, rollups, ct);
}
