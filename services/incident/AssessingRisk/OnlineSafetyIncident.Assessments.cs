using TrustSafety.Incident.AssessingRisk;
using TrustSafety.Incident.RoutingIncidents;

namespace TrustSafety.Incident.Incidents;

public sealed partial class OnlineSafetyIncident
{
    /// <summary>Every UKCIS risk assessment, oldest first; the last is the current one.</summary>
    public List<RiskAssessmentRecord> RiskAssessments { get; set; } = [];
    public ImmediateDangerRecord? ImmediateDanger { get; set; }

    public void Apply(RiskAssessmentRecorded e)
    {
        RiskAssessments.Add(new(e.AssessmentId, e.AssessmentVersion, e.By, e.ByName, e.At, e.Ages, e.AdultInvolved, e.CoercionOrBlackmail,
            e.ExtremeOrViolentActs, e.UnderThirteen, e.ImmediateRisk, e.Vulnerable, e.Vulnerability, e.SharedFurther, e.FurtherSharing,
            e.AgenciesChecked, e.Decision, e.Rationale));
        Log(e.At, "risk-assessment", e.ByName, $"UKCIS risk assessment (version {e.AssessmentVersion}): {e.Decision}");
    }

    public void Apply(ImmediateDangerFlagged e)
    {
        ImmediateDanger = new(e.FlagId, e.By, e.ByName, e.At, e.EmergencyServicesCalled, e.Rationale);
        KeepImmediateDanger();
        Log(e.At, "immediate-danger", e.ByName, e.EmergencyServicesCalled
            ? "Immediate danger: 999 / the police were called"
            : "Immediate danger flagged: call 999 / the police");
    }

    /// <summary>Immediate danger outranks any triage: top of the queue, and the police step required whatever the rules said.</summary>
    private void KeepImmediateDanger()
    {
        if (ImmediateDanger is null) return;
        Priority = 6;
        var police = RouteSteps.FirstOrDefault(s => s.Step == RouteStepKinds.Police);
        var step = new RouteStep(RouteStepKinds.Police, RouteLevels.Required,
            [.. police?.Rules.Where(r => r != ImmediateDangerRule) ?? [], ImmediateDangerRule]);
        RouteSteps = police is null ? [step, .. RouteSteps] : RouteSteps.Select(s => s == police ? step : s).ToList();
    }

    public const string ImmediateDangerRule = "immediate-danger";
}

/// <summary>Free-text answers are sealed in the stream and the snapshot; reads open them.</summary>
public sealed record RiskAssessmentRecord(
    Guid Id, int Version, string By, string ByName, DateTimeOffset At, string Ages, bool AdultInvolved, bool CoercionOrBlackmail,
    bool ExtremeOrViolentActs, bool UnderThirteen, bool ImmediateRisk, bool Vulnerable, string Vulnerability, bool SharedFurther,
    string FurtherSharing, string AgenciesChecked, string Decision, string Rationale);

public sealed record ImmediateDangerRecord(Guid Id, string By, string ByName, DateTimeOffset At, bool EmergencyServicesCalled, string Rationale)
{
    public string Prompt => AssessRisk.EmergencyPrompt;
}
