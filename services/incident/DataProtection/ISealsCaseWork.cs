namespace TrustSafety.Incident.DataProtection;

/// <summary>
/// An event whose free text is case work, sealed like the rest (CaseWorkText.cs): it seals its own fields with the given
/// <c>seal(text, field)</c>, where field is the value's path in the incident snapshot (e.g. <c>riskAssessments.{id}.rationale</c>).
/// The snapshot opens them in <c>OnlineSafetyIncident.OpenCaseFiles</c>.
/// </summary>
public interface ISealsCaseWork
{
    object SealWith(Func<string, string, string> seal);
}
