using Marten.Metadata;

namespace TrustSafety.Consent.Consents;

public enum DecisionKind { Given, Declined, Withdrawn }

/// <summary>Who answered, how, when: the evidence behind every yes or no.</summary>
public sealed record Respondent(string RespondentId, string Relationship, string Channel);

public sealed record ConsentRequested(string PupilId, string TypeCode, int WordingVersion, string Reason, DateOnly? ForPeriodEnding,
    DateTimeOffset At, string RequestedBy);
public sealed record ConsentGranted(Guid ResponseId, string PupilId, string TypeCode, int WordingVersion, Respondent Respondent,
    DateOnly EffectiveOn, DateOnly? ValidUntil, DateTimeOffset At, string RecordedBy);
public sealed record ConsentRefused(Guid ResponseId, string PupilId, string TypeCode, int WordingVersion, Respondent Respondent,
    DateOnly EffectiveOn, DateTimeOffset At, string RecordedBy);
public sealed record ConsentRevoked(Guid ResponseId, string PupilId, string TypeCode, Respondent Respondent, DateOnly EffectiveOn,
    DateTimeOffset At, string RecordedBy);
/// <summary>A given consent stopped counting: its period ended, or a wording requiring fresh consent replaced it.</summary>
public sealed record ConsentLapsed(Guid ResponseId, string PupilId, string TypeCode, int WordingVersion, DateOnly ExpiredOn, string Reason,
    DateTimeOffset At);

public sealed record ConsentDecision(Guid ResponseId, DecisionKind Kind, int WordingVersion, Respondent Respondent, DateOnly EffectiveOn,
    DateOnly? ValidUntil, DateTimeOffset At);

/// <summary>One pupil's answers for one consent type, oldest first.</summary>
public sealed class PupilConsent : ITenanted
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public string? TenantId { get; set; }
    public string PupilId { get; set; } = "";
    public string TypeCode { get; set; } = "";
    public List<ConsentDecision> Decisions { get; set; } = [];
    public DateTimeOffset? LastRequestedAt { get; set; }
    public int? LastRequestedVersion { get; set; }
    public DateOnly? LastRequestedForPeriodEnding { get; set; }
    /// <summary>The response whose lapse has been recorded (so the clock records it once).</summary>
    public Guid? LapsedResponseId { get; set; }
    /// <summary>The latest answer is a "yes" whose lapse is not yet recorded: what the clock looks at.</summary>
    public bool AwaitingLapse { get; set; }

    public ConsentDecision? Latest => Decisions.Count == 0 ? null : Decisions[^1];

    public static PupilConsent Create(ConsentRequested e) => new PupilConsent { PupilId = e.PupilId, TypeCode = e.TypeCode }.With(e);
    public static PupilConsent Create(ConsentGranted e) => new PupilConsent { PupilId = e.PupilId, TypeCode = e.TypeCode }.With(e);
    public static PupilConsent Create(ConsentRefused e) => new PupilConsent { PupilId = e.PupilId, TypeCode = e.TypeCode }.With(e);

    public void Apply(ConsentRequested e) => With(e);
    public void Apply(ConsentGranted e) => With(e);
    public void Apply(ConsentRefused e) => With(e);
    public void Apply(ConsentRevoked e)
    {
        Decisions.Add(new ConsentDecision(e.ResponseId, DecisionKind.Withdrawn, Latest?.WordingVersion ?? 0, e.Respondent, e.EffectiveOn, null, e.At));
        AwaitingLapse = false;
    }
    public void Apply(ConsentLapsed e) { LapsedResponseId = e.ResponseId; AwaitingLapse = false; }

    private PupilConsent With(ConsentRequested e)
    {
        LastRequestedAt = e.At; LastRequestedVersion = e.WordingVersion; LastRequestedForPeriodEnding = e.ForPeriodEnding;
        return this;
    }

    private PupilConsent With(ConsentGranted e)
    {
        Decisions.Add(new ConsentDecision(e.ResponseId, DecisionKind.Given, e.WordingVersion, e.Respondent, e.EffectiveOn, e.ValidUntil, e.At));
        AwaitingLapse = true;
        return this;
    }

    private PupilConsent With(ConsentRefused e)
    {
        Decisions.Add(new ConsentDecision(e.ResponseId, DecisionKind.Declined, e.WordingVersion, e.Respondent, e.EffectiveOn, null, e.At));
        AwaitingLapse = false;
        return this;
    }
}
