using MassTransit;

namespace TrustSafety.Contracts.Consent;

/// <summary>Who signs an acceptable-use policy.</summary>
public static class AupAudiences
{
    public const string Pupil = "pupil";
    public const string Staff = "staff";
    public const string Governor = "governor";
    public const string ParentVisitor = "parent-visitor";
}

/// <summary>A person's id as the school knows it: an internal pupil id or a staff/governor id. Never a name.</summary>
[MessageUrn("trustsafety:aup-signed:v1")]
[EntityName("trustsafety.aup-signed.v1")]
public sealed record AupSigned(
    string SchoolUrn, DateTimeOffset OccurredAt, string PersonId, string Audience, Guid AupId, int Version,
    DateTimeOffset SignedAt) : IIntegrationEvent;

[MessageUrn("trustsafety:aup-lapsed:v1")]
[EntityName("trustsafety.aup-lapsed.v1")]
public sealed record AupLapsed(
    string SchoolUrn, DateTimeOffset OccurredAt, string PersonId, string Audience, Guid AupId, int LapsedVersion,
    string Reason) : IIntegrationEvent;

[MessageUrn("trustsafety.consent-given.v1")]
[EntityName("trustsafety.consent-given.v1")]
public sealed record ConsentGiven(
    string SchoolUrn, DateTimeOffset OccurredAt, string PupilId, string ConsentType, int WordingVersion,
    DateOnly ValidUntil) : IIntegrationEvent;

[MessageUrn("trustsafety:consent-withdrawn:v1")]
[EntityName("trustsafety.consent-withdrawn.v1")]
public sealed record ConsentWithdrawn(
    string SchoolUrn, DateTimeOffset OccurredAt, string PupilId, string ConsentType) : IIntegrationEvent;

[MessageUrn("trustsafety:consent-expired:v1")]
[EntityName("trustsafety.consent-expired.v1")]
public sealed record ConsentExpired(
    string SchoolUrn, DateTimeOffset OccurredAt, string PupilId, string ConsentType, DateOnly ExpiredOn) : IIntegrationEvent;
