using MassTransit;

namespace TrustSafety.Contracts.Governance;

/// <summary>One required kind of training for a person, and the last day their latest completion counts (null: never done).</summary>
public sealed record TrainingRequirementStatus(string Kind, DateOnly? ValidUntil);

/// <summary>
/// A member of staff's or governor's training position after any change to it: what their role requires and until when
/// each is valid, so a reader can tell compliance on any day. Carries the internal person id and role, never a name.
/// </summary>
[MessageUrn("trustsafety:training-status-changed:v1")]
[EntityName("trustsafety.training-status-changed.v1")]
public sealed record TrainingStatusChanged(
    string SchoolUrn,
    DateTimeOffset OccurredAt,
    string PersonId,
    string Role,
    bool Active,
    bool InductionComplete,
    DateOnly InductionDueOn,
    IReadOnlyList<TrainingRequirementStatus> Requirements) : IIntegrationEvent;

/// <summary>When a school policy's next review falls due (annual after approval, sooner when a review is requested).</summary>
[MessageUrn("trustsafety:policy-review-due:v1")]
[EntityName("trustsafety.policy-review-due.v1")]
public sealed record PolicyReviewDue(
    string SchoolUrn,
    DateTimeOffset OccurredAt,
    string PolicyCode,
    string Title,
    int Version,
    DateOnly DueOn,
    string? Reason) : IIntegrationEvent;
