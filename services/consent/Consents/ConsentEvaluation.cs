using TrustSafety.Consent.ConsentTypes;
using TrustSafety.Contracts.Consent;

namespace TrustSafety.Consent.Consents;

public sealed record Evidence(Guid ResponseId, DecisionKind Decision, int WordingVersion, string RespondentId, string Relationship,
    string Channel, DateTimeOffset RecordedAt, DateOnly EffectiveOn, DateOnly? ValidUntil);

/// <summary>The answer to "may I use this pupil's image (or data) this way on this day?" and why.</summary>
public sealed record Verdict(bool Allowed, string Basis, string Explanation, Evidence? Evidence)
{
    public const string Given = "consent-given";
    public const string NoResponse = "no-response";
    public const string Declined = "declined";
    public const string Withdrawn = "withdrawn";
    public const string Expired = "expired";
    public const string WordingSuperseded = "wording-superseded";
    public const string NoOptOut = "no-opt-out";
    public const string OptedOut = "opted-out";
}

public static class ConsentEvaluation
{
    /// <summary>
    /// Pure: the answer for <paramref name="day"/> from the answers recorded so far. The last answer effective on or
    /// before the day decides; an expired "yes" or one given to a superseded wording counts as not given.
    /// </summary>
    public static Verdict Evaluate(ConsentType type, PupilConsent? consent, DateOnly day)
    {
        var decision = consent?.Decisions.LastOrDefault(d => d.EffectiveOn <= day);
        var evidence = decision is null ? null : new Evidence(decision.ResponseId, decision.Kind, decision.WordingVersion,
            decision.Respondent.RespondentId, decision.Respondent.Relationship, decision.Respondent.Channel, decision.At,
            decision.EffectiveOn, decision.ValidUntil);

        if (type.Mode == ConsentMode.OptOut)
            return decision?.Kind is DecisionKind.Declined or DecisionKind.Withdrawn
                ? new Verdict(false, Verdict.OptedOut, $"A guardian opted out on {decision.EffectiveOn:yyyy-MM-dd}.", evidence)
                : new Verdict(true, Verdict.NoOptOut, "This school runs opt-out for this type and no opt-out is on record.", evidence);

        return decision switch
        {
            null => new Verdict(false, Verdict.NoResponse, "No guardian has given consent; in an opt-in school silence means no.", null),
            { Kind: DecisionKind.Declined } => new Verdict(false, Verdict.Declined,
                $"A guardian declined on {decision.EffectiveOn:yyyy-MM-dd}.", evidence),
            { Kind: DecisionKind.Withdrawn } => new Verdict(false, Verdict.Withdrawn,
                $"A guardian withdrew consent on {decision.EffectiveOn:yyyy-MM-dd}.", evidence),
            { ValidUntil: { } until } when until < day => new Verdict(false, Verdict.Expired,
                $"Consent expired after {until:yyyy-MM-dd}; it must be renewed.", evidence),
            _ when type.SupersedingWording(decision.WordingVersion, day) is { } newer => new Verdict(false, Verdict.WordingSuperseded,
                $"Consent was given to wording version {decision.WordingVersion}; version {newer.Version} (published {newer.PublishedOn:yyyy-MM-dd}) needs fresh consent.",
                evidence),
            _ => new Verdict(true, Verdict.Given, decision.ValidUntil is { } u
                ? $"Consent given to wording version {decision.WordingVersion}, valid until {u:yyyy-MM-dd}."
                : $"Consent given to wording version {decision.WordingVersion}, valid until withdrawn.", evidence),
        };
    }

    /// <summary>
    /// Pure: the lapse to record once <paramref name="today"/> is past a "yes" — its period ended or a wording
    /// needing fresh consent replaced it. Null when nothing lapsed or the lapse is already recorded. Opt-out
    /// types record none: there the absence of an opt-out, not a "yes", is what counts.
    /// </summary>
    public static ConsentLapsed? DecideLapse(ConsentType type, PupilConsent consent, DateOnly today, DateTimeOffset now)
    {
        if (type.Mode == ConsentMode.OptOut || consent.Latest is not { Kind: DecisionKind.Given } given
            || consent.LapsedResponseId == given.ResponseId) return null;
        var superseding = type.SupersedingWording(given.WordingVersion, today);
        var periodEnd = given.ValidUntil is { } until && until < today ? until.AddDays(1) : (DateOnly?)null;
        if (periodEnd is { } ended && (superseding is null || ended <= superseding.PublishedOn))
            return new ConsentLapsed(given.ResponseId, consent.PupilId, consent.TypeCode, given.WordingVersion, ended,
                ConsentExpiryReasons.PeriodEnded, now);
        if (superseding is not null)
            return new ConsentLapsed(given.ResponseId, consent.PupilId, consent.TypeCode, given.WordingVersion, superseding.PublishedOn,
                ConsentExpiryReasons.WordingSuperseded, now);
        return null;
    }
}
