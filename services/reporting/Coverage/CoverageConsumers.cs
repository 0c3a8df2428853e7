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

/// <summary>A guardian said no (or opted out); the pupil counts as declined until a later answer.</summary>
public sealed class ConsentDeclinedConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<ConsentDeclined>(store, time)
{
    protected override Task Project(ConsentDeclined m, Guid messageId, IDocumentSession session, CancellationToken ct)
    {
        session.Store(new ConsentChange { Id = messageId, SchoolUrn = m.SchoolUrn, PupilId = m.PupilId, ConsentType = m.ConsentType,
            Kind = ConsentKinds.Declined, At = m.OccurredAt });
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
        session.Store(new AupChange { Id = messageId, SchoolUrn = m.SchoolUrn, PersonId = m.PersonId, Audience = m.Audience, Signed = true,
            Version = m.Version, At = m.SignedAt });
        return Task.CompletedTask;
    }
}

public sealed class AupLapsedConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<AupLapsed>(store, time)
{
    protected override Task Project(AupLapsed m, Guid messageId, IDocumentSession session, CancellationToken ct)
    {
        session.Store(new AupChange { Id = messageId, SchoolUrn = m.SchoolUrn, PersonId = m.PersonId, Audience = m.Audience, Signed = false,
            Version = m.LapsedVersion, At = m.OccurredAt });
        return Task.CompletedTask;
    }
}

/// <summary>
/// A new AUP version: from now on only signatures of it (or of a later one) count as current for the audience.
/// Stored as a fact per message, so a signature delivered before its version's publication still counts once it arrives.
/// </summary>
public sealed class AupVersionPublishedConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<AupVersionPublished>(store, time)
{
    protected override Task Project(AupVersionPublished m, Guid messageId, IDocumentSession session, CancellationToken ct)
    {
        session.Store(new AupVersionRecord { Id = messageId, SchoolUrn = m.SchoolUrn, Audience = m.Audience, AupId = m.AupId,
            Version = m.Version, PublishedAt = m.OccurredAt, OlderSignaturesLapseOn = m.OlderSignaturesLapseOn });
        return Task.CompletedTask;
    }
}
