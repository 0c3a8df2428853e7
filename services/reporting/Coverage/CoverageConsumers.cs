using Marten;
using TrustSafety.Contracts.Consent;
using TrustSafety.Reporting.Consuming;
using TrustSafety.Reporting.Rollups;

namespace TrustSafety.Reporting.Coverage;

public sealed class ConsentGivenConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<ConsentGiven>(store, time)
{
    protected override Task Project(ConsentGiven m, IDocumentSession session, RollupChanges rollups, CancellationToken ct) =>
        ConsentState.Apply(session, new ConsentChange { SchoolUrn = m.SchoolUrn, PupilId = m.PupilId, ConsentType = m.ConsentType,
            Kind = ConsentKinds.Given, At = m.OccurredAt, ValidUntil = m.ValidUntil }, rollups, ct);
}

/// <summary>A guardian said no (or opted out); the pupil counts as declined until a later answer.</summary>
public sealed class ConsentDeclinedConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<ConsentDeclined>(store, time)
{
    protected override Task Project(ConsentDeclined m, IDocumentSession session, RollupChanges rollups, CancellationToken ct) =>
        ConsentState.Apply(session, new ConsentChange { SchoolUrn = m.SchoolUrn, PupilId = m.PupilId, ConsentType = m.ConsentType,
            Kind = ConsentKinds.Declined, At = m.OccurredAt }, rollups, ct);
}

public sealed class ConsentWithdrawnConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<ConsentWithdrawn>(store, time)
{
    protected override Task Project(ConsentWithdrawn m, IDocumentSession session, RollupChanges rollups, CancellationToken ct) =>
        ConsentState.Apply(session, new ConsentChange { SchoolUrn = m.SchoolUrn, PupilId = m.PupilId, ConsentType = m.ConsentType,
            Kind = ConsentKinds.Withdrawn, At = m.OccurredAt }, rollups, ct);
}

public sealed class ConsentExpiredConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<ConsentExpired>(store, time)
{
    protected override Task Project(ConsentExpired m, IDocumentSession session, RollupChanges rollups, CancellationToken ct) =>
        ConsentState.Apply(session, new ConsentChange { SchoolUrn = m.SchoolUrn, PupilId = m.PupilId, ConsentType = m.ConsentType,
            Kind = ConsentKinds.Expired, At = m.OccurredAt, ValidUntil = m.ExpiredOn }, rollups, ct);
}

public sealed class AupSignedConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<AupSigned>(store, time)
{
    protected override Task Project(AupSigned m, IDocumentSession session, RollupChanges rollups, CancellationToken ct) =>
        AupState.Apply(session, new AupChange { SchoolUrn = m.SchoolUrn, PersonId = m.PersonId, Audience = m.Audience, Signed = true,
            Version = m.Version, At = m.SignedAt }, rollups, ct);
}

public sealed class AupLapsedConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<AupLapsed>(store, time)
{
    protected override Task Project(AupLapsed m, IDocumentSession session, RollupChanges rollups, CancellationToken ct) =>
        AupState.Apply(session, new AupChange { SchoolUrn = m.SchoolUrn, PersonId = m.PersonId, Audience = m.Audience, Signed = false,
            Version = m.LapsedVersion, At = m.OccurredAt }, rollups, ct);
}

/// <summary>
/// A new AUP version: from now on only signatures of it (or of a later one) count as current for the audience.
/// Counted per publication, so a signature delivered before its version's publication still counts once it arrives.
/// </summary>
public sealed class AupVersionPublishedConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<AupVersionPublished>(store, time)
{
    protected override Task Project(AupVersionPublished m, IDocumentSession session, RollupChanges rollups, CancellationToken ct)
    {
        var record = new AupVersionRecord { Id = VersionId(m.AupId, m.Version), SchoolUrn = m.SchoolUrn, Audience = m.Audience, AupId = m.AupId,
            Version = m.Version, PublishedAt = m.OccurredAt, OlderSignaturesLapseOn = m.OlderSignaturesLapseOn };
        session.Store(record);
        AupState.Published(rollups, record);
        return Task.CompletedTask;
    }

    private static Guid VersionId(Guid aup, int version) =>
        new(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes($"{aup:N}|{version}")));
}
