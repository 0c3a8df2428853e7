using Marten;
using TrustSafety.Contracts.Consent;
using TrustSafety.Reporting.Consuming;

namespace TrustSafety.Reporting.Coverage;

public sealed class ConsentGivenConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<ConsentGiven>(store, time)
{
    protected override Task Project(ConsentGiven m, Guid messageId, IDocumentSession session, CancellationToken ct)
    {
        session.Store(new ConsentChange { Id = messageId, SchoolUrn = m.SchoolUrn, PupilId = m.PupilId, ConsentType = m.ConsentType,
            Kind = ConsentKinds.Given, At = m.OccurredAt, ValidUntil = m.ValidUntil });
        return Task.CompletedTask;
    }
}

public sealed class ConsentWithdrawnConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<ConsentWithdrawn>(store, time)
{
    protected override Task Project(ConsentWithdrawn m, Guid messageId, IDocumentSession session, CancellationToken ct)
    {
        session.Store(new ConsentChange { Id = messageId, SchoolUrn = m.SchoolUrn, PupilId = m.PupilId, ConsentType = m.ConsentType,
            Kind = ConsentKinds.Withdrawn, At = m.OccurredAt });
        return Task.CompletedTask;
    }
}

public sealed class ConsentExpiredConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<ConsentExpired>(store, time)
{
    protected override Task Project(ConsentExpired m, Guid messageId, IDocumentSession session, CancellationToken ct)
    {
        session.Store(new ConsentChange { Id = messageId, SchoolUrn = m.SchoolUrn, PupilId = m.PupilId, ConsentType = m.ConsentType,
            Kind = ConsentKinds.Expired, At = m.OccurredAt, ValidUntil = m.ExpiredOn });
        return Task.CompletedTask;
    }
}

public sealed class AupSignedConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<AupSigned>(store, time)
{
    protected override Task Project(AupSigned m, Guid messageId, IDocumentSession session, CancellationToken ct)
    {
        session.Store(new AupChange { Id = messageId, SchoolUrn = m.SchoolUrn, PersonId = m.PersonId, Audience = m.Audience, Signed = true, At = m.SignedAt });
        return Task.CompletedTask;
    }
}

public sealed class AupLapsedConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<AupLapsed>(store, time)
{
    protected override Task Project(AupLapsed m, Guid messageId, IDocumentSession session, CancellationToken ct)
    {
        session.Store(new AupChange { Id = messageId, SchoolUrn = m.SchoolUrn, PersonId = m.PersonId, Audience = m.Audience, Signed = false, At = m.OccurredAt });
        return Task.CompletedTask;
    }
}
