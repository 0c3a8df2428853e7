using TrustSafety.Incident.Containing;

namespace TrustSafety.Incident.Incidents;

public sealed partial class OnlineSafetyIncident
{
    public List<ContainmentRecord> Containment { get; set; } = [];
    public List<CopiesNotNeededRecord> CopiesNotNeeded { get; set; } = [];

    public void Apply(ContainmentRecorded e)
    {
        Containment.Add(new(e.ActionId, e.Kind, e.By, e.ByName, e.At, e.DoneOn, e.What, e.Platform, e.Reference));
        Log(e.At, "containment", e.ByName, ContainmentKinds.Label(e.Kind) + (e.Platform is null ? "" : $" ({e.Platform})"));
    }

    public void Apply(CopiesNotNeededConfirmed e)
    {
        CopiesNotNeeded.Add(new(e.DecisionId, e.By, e.ByName, e.At, e.Rationale));
        Log(e.At, "copies-not-needed", e.ByName, "DSL recorded that no agency needs the copies held in school");
    }
}

/// <summary>What is sealed.</summary>
public sealed record ContainmentRecord(
    Guid Id, string Kind, string By, string ByName, DateTimeOffset At, DateOnly DoneOn, string What, string? Platform, string? Reference);

public sealed record CopiesNotNeededRecord(Guid Id, string By, string ByName, DateTimeOffset At, string Rationale);
