using TrustSafety.Incident.DataProtection;

namespace TrustSafety.Incident.Incidents;

/// <summary>
/// The DSL corrected the people involved after the report. People is the whole corrected list (names and dates of birth
/// sealed under the file's key and each person's), WhatHappened and HowItCameToLight the concern's text re-sealed for the
/// people now involved, Reason sealed case work. Change: add, correct or remove; Index: that person's position; Role:
/// the role of the person added, corrected to or removed.
/// </summary>
public sealed record InvolvedPeopleCorrected(
    Guid IncidentId, Guid CorrectionId, string By, string ByName, DateTimeOffset At, string Change, int Index, string Role,
    IReadOnlyList<InvolvedPerson> People, string WhatHappened, string HowItCameToLight, string Reason, bool AllegationAgainstStaff);

/// <summary>
/// Case work recorded before a correction of the people, re-sealed for the people now involved (written with the
/// correction, in the same transaction; CaseWorkText.cs): each earlier shared sealed value → the same text sealed under the
/// file's key and the keys of the people the correction leaves. The events keep the earlier ciphertexts; reads open the
/// re-sealed ones, so the record goes with the people now involved and no longer with someone removed.
/// </summary>
public sealed record CaseWorkResealed(Guid IncidentId, Guid CorrectionId, IReadOnlyDictionary<string, string> Replacements);

/// <summary>A correction of the people involved, for the audit (Reason is sealed).</summary>
public sealed record PeopleCorrectionRecord(Guid Id, string Change, int Index, string Role, string By, string ByName, DateTimeOffset At, string Reason);

public sealed partial class OnlineSafetyIncident
{
    public List<PeopleCorrectionRecord> PeopleCorrections { get; set; } = [];

    /// <summary>
    /// Data-key subjects of people once involved and since removed by a correction: case work sealed while they were
    /// involved opens with their key (or anyone's then involved) as before.
    /// </summary>
    public List<string> FormerPeople { get; set; } = [];

    /// <summary>Sealed case-work values as recorded → re-sealed for the people now involved (<see cref="CaseWorkResealed"/>).</summary>
    public Dictionary<string, string> Resealed { get; set; } = new(StringComparer.Ordinal);

    public void Apply(CaseWorkResealed e)
    {
        foreach (var (recorded, resealed) in e.Replacements) Resealed[recorded] = resealed;
    }

    public void Apply(InvolvedPeopleCorrected e)
    {
        var now = IncidentPersonalData.PeopleOf(e.People);
        FormerPeople = FormerPeople.Union(IncidentPersonalData.PeopleOf(People), StringComparer.Ordinal).Except(now, StringComparer.Ordinal).ToList();
        People = [.. e.People];
        PupilIds = e.People.Where(p => p.PupilId is not null).Select(p => p.PupilId!).Distinct(StringComparer.Ordinal).ToList();
        WhatHappened = e.WhatHappened;
        HowItCameToLight = e.HowItCameToLight;
        if (e.AllegationAgainstStaff && !AllegationAgainstStaff && Triage is null) Priority = 5;
        AllegationAgainstStaff |= e.AllegationAgainstStaff;
        PeopleCorrections.Add(new(e.CorrectionId, e.Change, e.Index, e.Role, e.By, e.ByName, e.At, e.Reason));
        var what = e.Change switch
        {
            "add" => $"Person {e.Index + 1} added ({e.Role})",
            "correct" => $"Person {e.Index + 1} corrected ({e.Role})",
            _ => $"Person {e.Index + 1} removed ({e.Role})",
        };
        Log(e.At, "people-corrected", e.ByName, $"{what}: {e.Reason}");
    }
}
