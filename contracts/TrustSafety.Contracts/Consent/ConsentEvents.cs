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

/// <summary><c>ValidUntil</c> is the last day the consent counts; 9999-12-31 when it lasts until withdrawn.</summary>
[MessageUrn("trustsafety:consent-given:v1")]
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
    string SchoolUrn, DateTimeOffset OccurredAt, string PupilId, string ConsentType, DateOnly ExpiredOn,
    string Reason = ConsentExpiryReasons.PeriodEnded) : IIntegrationEvent;

/// <summary>Why a given consent stopped counting. <c>ExpiredOn</c> is the first day it no longer counts.</summary>
public static class ConsentExpiryReasons
{
    /// <summary>The renewal period (usually the academic year) ended.</summary>
    public const string PeriodEnded = "period-ended";
    /// <summary>A new wording version that requires fresh consent was published.</summary>
    public const string WordingSuperseded = "wording-superseded";
}

/// <summary>A guardian declined (opt-in schools) or opted out (opt-out schools).</summary>
[MessageUrn("trustsafety:consent-declined:v1")]
[EntityName("trustsafety.consent-declined.v1")]
public sealed record ConsentDeclined(
    string SchoolUrn, DateTimeOffset OccurredAt, string PupilId, string ConsentType, int WordingVersion) : IIntegrationEvent;

/// <summary>A new AUP version for an audience; signatures of older versions lapse on <c>OlderSignaturesLapseOn</c>.</summary>
[MessageUrn("trustsafety:aup-version-published:v1")]
[EntityName("trustsafety.aup-version-published.v1")]
public sealed record AupVersionPublished(
    string SchoolUrn, DateTimeOffset OccurredAt, string Audience, Guid AupId, int Version,
    DateOnly? OlderSignaturesLapseOn) : IIntegrationEvent;
