using Marten;
using TrustSafety.Consent.ConsentTypes;

namespace TrustSafety.Consent.Consents;

/// <summary>One pupil's consent of one type today and the history behind it: the answer to a response, a withdrawal and the pupil's list.</summary>
public sealed record PupilConsentView(string PupilId, string Type, ConsentMode Mode, bool AllowedToday, Verdict Today,
    IReadOnlyList<ConsentDecision> History, DateTimeOffset? LastRequestedAt, long Version)
{
    public static PupilConsentView Of(ConsentType type, string pupilId, PupilConsent? consent, DateOnly today)
    {
        var verdict = ConsentEvaluation.Evaluate(type, consent, today);
        return new(pupilId, type.Code, type.Mode, verdict.Allowed, verdict, consent?.Decisions ?? [], consent?.LastRequestedAt,
            consent?.Version ?? 0);
    }

    /// <summary>The pupil's consent of this type as it now stands (its projection is updated with the append).</summary>
    public static async Task<PupilConsentView> Read(IQuerySession session, ConsentType type, string pupilId, SchoolCalendar calendar,
        CancellationToken ct) =>
        Of(type, pupilId, await session.LoadAsync<PupilConsent>(StreamIds.PupilConsent(pupilId, type.Code), ct), calendar.Today);
}
