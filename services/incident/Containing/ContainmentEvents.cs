using TrustSafety.Incident.DataProtection;

namespace TrustSafety.Incident.Containing;

/// <summary>
/// Something done to stop the harm spreading: content blocked or isolated on the school network, copies deleted, an account
/// suspended, the content reported to its platform, or a URL reported to the IWF. What (which content, which account) is sealed.
/// </summary>
public sealed record ContainmentRecorded(
    Guid IncidentId, Guid ActionId, string Kind, string By, string ByName, DateTimeOffset At, DateOnly DoneOn, string What,
    string? Platform, string? Reference) : ISealsCaseWork
{
    public object SealWith(Func<string, string, string> seal) => this with { What = seal(What, FieldWhat(ActionId)) };

    public static string FieldWhat(Guid id) => $"containment.{id:N}.what";
}

/// <summary>
/// The DSL's recorded judgement that no agency (police, IWF, social care) needs the copies held in school, so they may be
/// deleted (UKCIS: never delete what the police may need). Rationale is sealed.
/// </summary>
public sealed record CopiesNotNeededConfirmed(
    Guid IncidentId, Guid DecisionId, string By, string ByName, DateTimeOffset At, string Rationale) : ISealsCaseWork
{
    public object SealWith(Func<string, string, string> seal) => this with { Rationale = seal(Rationale, FieldRationale(DecisionId)) };

    public static string FieldRationale(Guid id) => $"copiesNotNeeded.{id:N}.rationale";
}
