using MassTransit;

namespace TrustSafety.Contracts.Consent;

/// <summary>
/// A pupil's sign-in accounts (school Google/Microsoft accounts, network logins) as consent's roster holds them after an
/// MIS import, as pseudonymous references (<see cref="Reference.SignInAccountRef"/>) — the same reference filtering-ingest
/// puts in an alert's UserRef, so a service can tell whose account an alert was for without an account or name on the bus.
/// The list is the whole current set (empty when the pupil has none any more).
/// </summary>
[MessageUrn("trustsafety:pupil-sign-in-accounts-changed:v1")]
[EntityName("trustsafety.pupil-sign-in-accounts-changed.v1")]
public sealed record PupilSignInAccountsChanged(
    string SchoolUrn, DateTimeOffset OccurredAt, string PupilId, IReadOnlyList<string> AccountRefs) : IIntegrationEvent;

/// <summary>A member of staff's sign-in accounts (pseudonymous references), StaffId = identity's subject id.</summary>
[MessageUrn("trustsafety:staff-sign-in-accounts-changed:v1")]
[EntityName("trustsafety.staff-sign-in-accounts-changed.v1")]
public sealed record StaffSignInAccountsChanged(
    string SchoolUrn, DateTimeOffset OccurredAt, string StaffId, IReadOnlyList<string> AccountRefs) : IIntegrationEvent;

/// <summary>
/// A pupil's date of birth from the MIS (a new pupil, or a correction). Incident keeps child-protection files until the
/// date of birth + 25 years. Personal data, but not a name: names stay in consent's roster.
/// </summary>
[MessageUrn("trustsafety:pupil-date-of-birth-recorded:v1")]
[EntityName("trustsafety.pupil-date-of-birth-recorded.v1")]
public sealed record PupilDateOfBirthRecorded(
    string SchoolUrn, DateTimeOffset OccurredAt, string PupilId, DateOnly DateOfBirth) : IIntegrationEvent;

/// <summary>A pupil's leaving date (the last day on roll) was recorded or cleared (null: back on roll).</summary>
[MessageUrn("trustsafety:pupil-leaving-date-changed:v1")]
[EntityName("trustsafety.pupil-leaving-date-changed.v1")]
public sealed record PupilLeavingDateChanged(
    string SchoolUrn, DateTimeOffset OccurredAt, string PupilId, DateOnly? LeavingDate) : IIntegrationEvent;
