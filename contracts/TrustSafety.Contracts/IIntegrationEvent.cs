namespace TrustSafety.Contracts;

/// <summary>
/// An event one service publishes for the others. Carries ids, categories and dates — never a pupil's name.
/// <see cref="SchoolUrn"/> is the tenant the fact belongs to (a DfE URN), or <c>"trust"</c> for trust-level facts.
/// </summary>
public interface IIntegrationEvent
{
    string SchoolUrn { get; }
    DateTimeOffset OccurredAt { get; }
}
