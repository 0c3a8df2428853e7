using Marten;
using TrustSafety.Contracts.Incident;
using TrustSafety.Reporting.Consuming;

namespace TrustSafety.Reporting.Incidents;

public sealed class IncidentReportedConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<IncidentReported>(store, time)
{
    protected override Task Project(IncidentReported m, Guid messageId, IDocumentSession session, CancellationToken ct)
    {
        session.Store(new ReportedIncident
        {
            Id = m.IncidentId, SchoolUrn = m.SchoolUrn, ReportedAt = m.OccurredAt, HappenedAt = m.HappenedAt, Source = m.Source,
            Category = m.Category, FourC = m.FourC, AllegationAgainstStaff = m.AllegationAgainstStaff,
        });
        return Task.CompletedTask;
    }
}

public sealed class IncidentTriagedConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<IncidentTriaged>(store, time)
{
    protected override async Task Project(IncidentTriaged m, Guid messageId, IDocumentSession session, CancellationToken ct)
    {
        var existing = await session.LoadAsync<TriagedIncident>(m.IncidentId, ct);
        var latest = existing is null || m.OccurredAt >= existing.LastTriagedAt;
        session.Store(latest
            ? new TriagedIncident
            {
                Id = m.IncidentId, SchoolUrn = m.SchoolUrn, ReportedAt = m.ReportedAt,
                FirstTriagedAt = existing is null || m.OccurredAt < existing.FirstTriagedAt ? m.OccurredAt : existing.FirstTriagedAt,
                LastTriagedAt = m.OccurredAt, Category = m.Category, FourC = m.FourC, Severity = m.Severity, Illegal = m.Illegal,
            }
            : existing! with { FirstTriagedAt = m.OccurredAt < existing!.FirstTriagedAt ? m.OccurredAt : existing.FirstTriagedAt });
    }
}

public sealed class IncidentClosedConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<IncidentClosed>(store, time)
{
    protected override Task Project(IncidentClosed m, Guid messageId, IDocumentSession session, CancellationToken ct)
    {
        session.Store(new IncidentStatusChange
            { Id = StatusChangeId(m.IncidentId, m.OccurredAt, true), IncidentId = m.IncidentId, SchoolUrn = m.SchoolUrn, Closed = true, At = m.OccurredAt, Outcome = m.Outcome });
        return Task.CompletedTask;
    }

    internal static Guid StatusChangeId(Guid incident, DateTimeOffset at, bool closed) =>
        new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes($"{incident:N}|{at.UtcTicks}|{closed}")));
}

public sealed class IncidentReopenedConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<IncidentReopened>(store, time)
{
    protected override Task Project(IncidentReopened m, Guid messageId, IDocumentSession session, CancellationToken ct)
    {
        session.Store(new IncidentStatusChange
        {
            Id = IncidentClosedConsumer.StatusChangeId(m.IncidentId, m.OccurredAt, false), IncidentId = m.IncidentId, SchoolUrn = m.SchoolUrn,
            Closed = false, At = m.OccurredAt,
        });
        return Task.CompletedTask;
    }
}

public sealed class ReferralMadeConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<ReferralMade>(store, time)
{
    protected override Task Project(ReferralMade m, Guid messageId, IDocumentSession session, CancellationToken ct)
    {
        session.Store(new ReferralRecord
        {
            Id = m.ReferralId, IncidentId = m.IncidentId, SchoolUrn = m.SchoolUrn, Destination = m.Destination, MadeOn = m.MadeOn,
            DueOn = m.DueOn, At = m.OccurredAt,
        });
        return Task.CompletedTask;
    }
}

public sealed class ReferralOutcomeRecordedConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<ReferralOutcomeRecorded>(store, time)
{
    protected override Task Project(ReferralOutcomeRecorded m, Guid messageId, IDocumentSession session, CancellationToken ct)
    {
        session.Store(new ReferralOutcomeRecord
            { Id = m.ReferralId, IncidentId = m.IncidentId, SchoolUrn = m.SchoolUrn, Destination = m.Destination, Outcome = m.Outcome, At = m.OccurredAt });
        return Task.CompletedTask;
    }
}
