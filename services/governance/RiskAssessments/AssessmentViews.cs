namespace TrustSafety.Governance.RiskAssessments;

public sealed record AssessmentView(Guid Id, string Technology, string Purpose, Assessment Current, string State, int Reviews, long Version)
{
    public static AssessmentView Of(TechnologyRiskAssessment a, DateOnly today) =>
        new(a.Id, a.Technology, a.Purpose, a.Current, RiskRules.StateOf(a, today), a.History.Count - 1, a.Version);
}
/// <summary>An assessment with every review (serialised as { assessment, history }).</summary>
public sealed record AssessmentDetail(AssessmentView Assessment, IReadOnlyList<Assessment> History);
