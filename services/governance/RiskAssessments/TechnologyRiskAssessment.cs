using Marten.Metadata;

namespace TrustSafety.Governance.RiskAssessments;

public sealed record Risk(string Description, string Likelihood, string Impact, string Mitigation);

public sealed record TechnologyRiskAssessed(Guid AssessmentId, string Technology, string Purpose, IReadOnlyList<Risk> Risks, string Decision,
    string? Conditions, DateOnly AssessedOn, DateOnly ReviewOn, string By, DateTimeOffset At);
public sealed record TechnologyRiskReassessed(Guid AssessmentId, IReadOnlyList<Risk> Risks, string Decision, string? Conditions,
    DateOnly AssessedOn, DateOnly ReviewOn, string By, DateTimeOffset At);

public sealed record Assessment(IReadOnlyList<Risk> Risks, string Decision, string? Conditions, DateOnly AssessedOn, DateOnly ReviewOn, string By);

/// <summary>A risk assessment of an app or technology before the school uses it, and each later review.</summary>
public sealed class TechnologyRiskAssessment : ITenanted
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public string? TenantId { get; set; }
    public string Technology { get; set; } = "";
    public string Purpose { get; set; } = "";
    public List<Assessment> History { get; set; } = [];

    public Assessment Current => History[^1];

    public static TechnologyRiskAssessment Create(TechnologyRiskAssessed e) => new()
    {
        Id = e.AssessmentId, Technology = e.Technology, Purpose = e.Purpose,
        History = [new(e.Risks, e.Decision, e.Conditions, e.AssessedOn, e.ReviewOn, e.By)],
    };
    public void Apply(TechnologyRiskReassessed e) => History.Add(new(e.Risks, e.Decision, e.Conditions, e.AssessedOn, e.ReviewOn, e.By));
}

public static class RiskRules
{
    public static readonly string[] Levels = ["low", "medium", "high"];
    public static readonly string[] Decisions = ["approved", "approved-with-conditions", "not-approved"];

    public static Decision Assess(TechnologyRiskAssessment? existing, Guid id, string technology, string purpose, IReadOnlyList<Risk> risks,
        string decision, string? conditions, DateOnly assessedOn, DateOnly reviewOn, DateOnly today, string by, DateTimeOffset at)
    {
        if (Problem(risks, decision, conditions, assessedOn, reviewOn, today) is { } p) return p;
        if (existing is null)
            return Decision.Accept(new TechnologyRiskAssessed(id, technology, purpose, risks, decision, conditions, assessedOn, reviewOn, by, at));
        if (assessedOn < existing.Current.AssessedOn)
            return Decision.Unprocessable("Older than the last assessment", "A review is dated on or after the last assessment.");
        return Decision.Accept(new TechnologyRiskReassessed(existing.Id, risks, decision, conditions, assessedOn, reviewOn, by, at));
    }

    private static Decision? Problem(IReadOnlyList<Risk> risks, string decision, string? conditions, DateOnly assessedOn, DateOnly reviewOn, DateOnly today)
    {
        if (assessedOn > today) return Decision.Unprocessable("Assessment in the future", "Record the assessment once it is made.");
        if (reviewOn <= assessedOn || reviewOn > assessedOn.AddYears(3))
            return Decision.Unprocessable("Review date out of range", "The review date falls after the assessment and within three years.");
        if (decision == "approved-with-conditions" && string.IsNullOrWhiteSpace(conditions))
            return Decision.Unprocessable("Conditions missing", "An approval with conditions names the conditions.");
        if (decision == "approved" && risks.Any(r => r.Likelihood == "high" && r.Impact == "high"))
            return Decision.Unprocessable("A high risk without conditions",
                "A risk both likely and of high impact cannot be approved without conditions; approve with conditions or do not approve.");
        return null;
    }

    public static string StateOf(TechnologyRiskAssessment a, DateOnly today) =>
        a.Current.ReviewOn < today ? "review-overdue" : a.Current.ReviewOn < today.AddDays(30) ? "review-due" : "current";
}
