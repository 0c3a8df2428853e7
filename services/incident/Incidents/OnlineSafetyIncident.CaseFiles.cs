using TrustSafety.Incident.AssessingRisk;
using TrustSafety.Incident.Containing;

namespace TrustSafety.Incident.Incidents;

public sealed partial class OnlineSafetyIncident
{
    /// <summary>Opens the sealed free text of the case files (issue 15) with the incident's keys; <c>open(value, field)</c>.</summary>
    internal void OpenCaseFiles(Func<string, string, string> open)
    {
        RiskAssessments = RiskAssessments.Select(a => a with
        {
            Ages = open(a.Ages, RiskAssessmentRecorded.Field(a.Id, "ages")),
            Vulnerability = open(a.Vulnerability, RiskAssessmentRecorded.Field(a.Id, "vulnerability")),
            FurtherSharing = open(a.FurtherSharing, RiskAssessmentRecorded.Field(a.Id, "furtherSharing")),
            AgenciesChecked = open(a.AgenciesChecked, RiskAssessmentRecorded.Field(a.Id, "agenciesChecked")),
            Rationale = open(a.Rationale, RiskAssessmentRecorded.Field(a.Id, "rationale")),
        }).ToList();
        if (ImmediateDanger is { } danger) ImmediateDanger = danger with { Rationale = open(danger.Rationale, ImmediateDangerFlagged.FieldRationale) };
        Containment = Containment.Select(c => c with { What = open(c.What, ContainmentRecorded.FieldWhat(c.Id)) }).ToList();
        CopiesNotNeeded = CopiesNotNeeded.Select(c => c with { Rationale = open(c.Rationale, CopiesNotNeededConfirmed.FieldRationale(c.Id)) }).ToList();
        EvidenceFiles = EvidenceFiles.Select(f => f with { Description = open(f.Description, StoringEvidenceFiles.EvidenceFileStored.FieldDescription(f.Id)) }).ToList();
    }
}

/// <summary>The case files of an incident as the safeguarding team reads them (issue 15: assessments, urgency, containment, files).</summary>
public sealed record CaseFilesView(
    ImmediateDangerRecord? ImmediateDanger, IReadOnlyList<RiskAssessmentRecord> RiskAssessments, bool RiskAssessmentApplies,
    IReadOnlyList<ContainmentRecord> Containment, IReadOnlyList<CopiesNotNeededRecord> CopiesNotNeeded, bool CopiesMayBeDeleted,
    IReadOnlyList<EvidenceFileRecord> EvidenceFiles, bool EvidenceFilesAllowed)
{
    public static CaseFilesView Of(OnlineSafetyIncident i) => new(
        i.ImmediateDanger, i.RiskAssessments, i.Category is { } c && AssessRisk.Categories.Contains(c),
        i.Containment, i.CopiesNotNeeded,
        i.CopiesNotNeeded.LastOrDefault() is { } ok && !(i.Referrals.LastOrDefault()?.At > ok.At),
        i.EvidenceFiles, StoringEvidenceFiles.StoreEvidenceFile.CategoryAllows(i.Category));
}
