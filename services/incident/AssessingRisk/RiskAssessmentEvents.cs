using TrustSafety.Incident.DataProtection;

namespace TrustSafety.Incident.AssessingRisk;

/// <summary>
/// A UKCIS risk assessment (Sharing nudes and semi-nudes, 2020/2024, section 2) of a nudes/semi-nudes or exploitation case.
/// Each one is a new version (1, 2, …): a later assessment supersedes, never rewrites, an earlier one. The yes/no answers
/// of UKCIS's initial review are plain; every free-text answer is sealed case work.
/// </summary>
public sealed record RiskAssessmentRecorded(
    Guid IncidentId, Guid AssessmentId, int AssessmentVersion, string By, string ByName, DateTimeOffset At,
    string Ages, bool AdultInvolved, bool CoercionOrBlackmail, bool ExtremeOrViolentActs, bool UnderThirteen, bool ImmediateRisk,
    bool Vulnerable, string Vulnerability, bool SharedFurther, string FurtherSharing, string AgenciesChecked, string Decision,
    string Rationale) : ISealsCaseWork
{
    public object SealWith(Func<string, string, string> seal) => this with
    {
        Ages = seal(Ages, Field(AssessmentId, "ages")),
        Vulnerability = seal(Vulnerability, Field(AssessmentId, "vulnerability")),
        FurtherSharing = seal(FurtherSharing, Field(AssessmentId, "furtherSharing")),
        AgenciesChecked = seal(AgenciesChecked, Field(AssessmentId, "agenciesChecked")),
        Rationale = seal(Rationale, Field(AssessmentId, "rationale")),
    };

    public static string Field(Guid id, string name) => $"riskAssessments.{id:N}.{name}";
}

/// <summary>
/// Someone in the safeguarding team judged a child to be in immediate danger: the incident prompts 999 / the police
/// (a required police step on its route) and the most urgent notification goes out. The rationale is sealed.
/// </summary>
public sealed record ImmediateDangerFlagged(
    Guid IncidentId, Guid FlagId, string By, string ByName, DateTimeOffset At, bool EmergencyServicesCalled, string Rationale,
    bool AllegationAgainstStaff) : ISealsCaseWork
{
    public object SealWith(Func<string, string, string> seal) => this with { Rationale = seal(Rationale, FieldRationale) };

    public const string FieldRationale = "immediateDanger.rationale";
}
