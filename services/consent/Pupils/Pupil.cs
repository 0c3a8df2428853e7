using Marten.Metadata;

namespace TrustSafety.Consent.Pupils;

public sealed record PupilEnrolled(string PupilId, string ClassName, int YearGroup, DateTimeOffset At);
public sealed record PupilPlacementChanged(string PupilId, string ClassName, int YearGroup, DateTimeOffset At);
public sealed record PupilLeavingDateRecorded(string PupilId, DateOnly? LeavingDate, DateTimeOffset At);

/// <summary>Who the pupil is, as the school's MIS says (a joiner, or a correction on re-import): the roster's only names.</summary>
public sealed record PupilDetailsRecorded(
    string PupilId, string Upn, string LegalForename, string LegalSurname, string? PreferredForename, string? PreferredSurname,
    DateOnly DateOfBirth, DateOnly? AdmissionDate, DateTimeOffset At);

/// <summary>The pupil's sign-in accounts now (the whole set; empty when none). Accounts never leave consent as text.</summary>
public sealed record PupilSignInAccountsSet(string PupilId, IReadOnlyList<string> Accounts, DateTimeOffset At);

/// <summary>
/// The pupil left the school and the roster's retention after leaving (Consent:RetentionYearsAfterLeaving) ended: names,
/// UPN, date of birth, admission date and accounts are removed, and the same fields are masked in the stream's earlier
/// events. The internal pupil id stays: it is the pseudonym other records (incidents, consents) keep.
/// </summary>
public sealed record PupilRosterErased(string PupilId, DateOnly LeftOn, DateOnly RetainedUntil, DateTimeOffset At);

/// <summary>A pupil on the school's roster: the one source of truth for the pupil's name in the platform.</summary>
public sealed class Pupil : ITenanted
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public string? TenantId { get; set; }
    public string PupilId { get; set; } = "";
    public string ClassName { get; set; } = "";
    public int YearGroup { get; set; }
    public DateOnly? LeavingDate { get; set; }
    public string? Upn { get; set; }
    public string? LegalForename { get; set; }
    public string? LegalSurname { get; set; }
    public string? PreferredForename { get; set; }
    public string? PreferredSurname { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public DateOnly? AdmissionDate { get; set; }
    public List<string> Accounts { get; set; } = [];
    /// <summary>When the roster's details were erased at the end of retention after leaving (null: still held).</summary>
    public DateTimeOffset? ErasedAt { get; set; }
    /// <summary>Lower-case names and UPN: what a search matches.</summary>
    public string SearchText { get; set; } = "";

    /// <summary>On roll on <paramref name="day"/>: the leaving date is the last day on roll.</summary>
    public bool OnRoll(DateOnly day) => LeavingDate is null || day <= LeavingDate;

    /// <summary>The name a person uses (preferred names when the MIS has them), or null when the MIS never named the pupil.</summary>
    public string? DisplayName => LegalSurname is null ? null
        : $"{PreferredForename ?? LegalForename} {PreferredSurname ?? LegalSurname}";

    public static Pupil Create(PupilEnrolled e) => new() { PupilId = e.PupilId, ClassName = e.ClassName, YearGroup = e.YearGroup };
    public void Apply(PupilPlacementChanged e) { ClassName = e.ClassName; YearGroup = e.YearGroup; }
    public void Apply(PupilLeavingDateRecorded e) => LeavingDate = e.LeavingDate;
    public void Apply(PupilSignInAccountsSet e) => Accounts = [.. e.Accounts];

    public void Apply(PupilRosterErased e)
    {
        Upn = LegalForename = LegalSurname = PreferredForename = PreferredSurname = null;
        DateOfBirth = AdmissionDate = null;
        Accounts = [];
        SearchText = "";
        ErasedAt = e.At;
    }

    public void Apply(PupilDetailsRecorded e)
    {
        Upn = e.Upn;
        LegalForename = e.LegalForename;
        LegalSurname = e.LegalSurname;
        PreferredForename = e.PreferredForename;
        PreferredSurname = e.PreferredSurname;
        DateOfBirth = e.DateOfBirth;
        AdmissionDate = e.AdmissionDate;
        SearchText = string.Join(' ', new[] { e.LegalForename, e.LegalSurname, e.PreferredForename, e.PreferredSurname, e.Upn }
            .Where(s => !string.IsNullOrEmpty(s))).ToLowerInvariant();
    }
}
