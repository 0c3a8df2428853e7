using MassTransit;

namespace TrustSafety.Contracts.Incident;

/// <summary>
/// A referral's outcome as a code from <see cref="Reference.ReferralOutcomes"/> (or <c>not-coded</c> for one recorded before
/// codes), never the DSL's words: they stay sealed in the incident service and go with an erasure. Replaces
/// <see cref="ReferralOutcomeRecorded"/> (v1, free text), which incident no longer publishes; consumers still read v1
/// messages left in their queues, keeping none of the text.
/// </summary>
[MessageUrn("trustsafety:referral-outcome-recorded:v2")]
[EntityName("trustsafety.referral-outcome-recorded.v2")]
public sealed record ReferralOutcomeRecordedV2(
    Guid IncidentId,
    Guid ReferralId,
    string SchoolUrn,
    DateTimeOffset OccurredAt,
    string Destination,
    string OutcomeCode,
    DateOnly ReceivedOn) : IIntegrationEvent;
