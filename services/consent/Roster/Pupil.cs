using Marten.Metadata;

namespace TrustSafety.Consent.Roster;

public sealed record PupilEnrolled(string PupilId, string ClassName, int YearGroup, DateTimeOffset At);
public sealed record PupilPlacementChanged(string PupilId, string ClassName, int YearGroup, DateTimeOffset At);
public sealed record PupilLeavingDateRecorded(string PupilId, DateOnly? LeavingDate, DateTimeOffset At);

/// <summary>A pupil on the school's roster, known by an internal id only (the school's MIS holds the name).</summary>
public sealed class Pupil : ITenanted
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public string? TenantId { get; set; }
    public string PupilId { get; set; } = "";
    public string ClassName { get; set; } = "";
    public int YearGroup { get; set; }
    public DateOnly? LeavingDate { get; set; }

    /// <summary>On roll on <paramref name="day"/>: the leaving date is the last day on roll.</summary>
    public bool OnRoll(DateOnly day) => LeavingDate is null || day <= LeavingDate;

    public static Pupil Create(PupilEnrolled e) => new() { PupilId = e.PupilId, ClassName = e.ClassName, YearGroup = e.YearGroup };
    public void Apply(PupilPlacementChanged e) { ClassName = e.ClassName; YearGroup = e.YearGroup; }
    public void Apply(PupilLeavingDateRecorded e) => LeavingDate = e.LeavingDate;
}
