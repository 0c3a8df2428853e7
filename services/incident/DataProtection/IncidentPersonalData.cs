using System.Globalization;
using Marten;
using TrustSafety.Incident.Incidents;

namespace TrustSafety.Incident.DataProtection;

/// <summary>
/// Which fields of an incident are personal, and the keys that seal them: free text (the concern's and the case
/// work's, see CaseWorkText.cs) under the file's key and any one of the people involved (their shared record: erasing one
/// child leaves it to the others; records sealed before v2 needed every key); a person's name and date of birth under
/// the file's key and theirs.
/// The stream and the snapshot hold only sealed values; reads open them.
/// </summary>
public sealed partial class IncidentPersonalData(Keyring keyring)
{
    public async Task<ConcernReported> SealAsync(string tenant, ConcernReported e, CancellationToken ct)
    {
        var file = Subjects.Incident(e.IncidentId);
        var people = PeopleOf(e.People);
        var keys = await keyring.ForSealingAsync(tenant, [file, .. people], ct);
        string Seal(string text, string field, IEnumerable<string> subjects) =>
            FieldCipher.Seal(text, [keys[file], .. subjects.Select(s => keys[s])], Context(e.IncidentId, field));
        string SealShared(string text, string field) =>
            FieldCipher.SealShared(text, keys[file], [.. people.Select(s => keys[s])], Context(e.IncidentId, field));
        string? SealOptional(string? text, string field, params string?[] subjects) =>
            text is null ? null : Seal(text, field, subjects.OfType<string>());

        return e with
        {
            WhatHappened = SealShared(e.WhatHappened, "whatHappened"),
            HowItCameToLight = SealShared(e.HowItCameToLight, "howItCameToLight"),
            Location = e.Location with { Detail = SealOptional(e.Location.Detail, "location.detail") },
            People = e.People.Select((p, n) => p with
            {
                Name = SealOptional(p.Name, $"people.{n}.name", Subjects.Of(p.PupilId, p.StaffId)),
                DateOfBirth = SealOptional(p.DateOfBirth, $"people.{n}.dateOfBirth", Subjects.Of(p.PupilId, p.StaffId)),
            }).ToList(),
            FilterAlert = e.FilterAlert is null ? null : e.FilterAlert with
            {
                SearchTerm = SealOptional(e.FilterAlert.SearchTerm, "filterAlert.searchTerm"),
                UserRef = SealOptional(e.FilterAlert.UserRef, "filterAlert.userRef"),
            },
        };
    }

    public async Task<OnlineSafetyIncident> OpenAsync(IQuerySession session, OnlineSafetyIncident incident, CancellationToken ct) =>
        (await OpenAsync(session, [incident], ct))[0];

    /// <summary>Opens the sealed fields in place (the instances are fresh loads, never stored back).</summary>
    public async Task<IReadOnlyList<OnlineSafetyIncident>> OpenAsync(
        IQuerySession session, IReadOnlyList<OnlineSafetyIncident> incidents, CancellationToken ct)
    {
        var keys = await keyring.ForOpeningAsync(session, incidents.SelectMany(i => KeySubjects(i)), ct);
        foreach (var incident in incidents) Open(incident, keys);
        return incidents;
    }

    public static void Open(OnlineSafetyIncident i, OpenKeys keys)
    {
        var file = Subjects.Incident(i.Id);
        var people = PeopleOf(i.People);
        var disposed = keys.IsErased(file, i.ReportedAt);
        var erased = people.Where(s => disposed || keys.IsErased(s, i.ReportedAt)).ToHashSet(StringComparer.Ordinal);
        string Open(string value, string field, IEnumerable<string> subjects) =>
            FieldCipher.Open(value, [keys.For(file), .. subjects.Select(keys.For)], Context(i.Id, field));
        string? OpenOptional(string? value, string field, string? subject) =>
            value is null ? null : subject is not null && erased.Contains(subject) ? FieldCipher.Erased
                : Open(value, field, subject is null ? [] : [subject]);
        string? Hide(string? id, string? subject) => id is not null && subject is not null && erased.Contains(subject) ? FieldCipher.Erased : id;

        // Text sealed before a correction of the people opens with the key of anyone then involved.
        var anyone = people.Union(i.FormerPeople, StringComparer.Ordinal).ToList();
        i.WhatHappened = Open(i.WhatHappened, "whatHappened", anyone);
        i.HowItCameToLight = Open(i.HowItCameToLight, "howItCameToLight", anyone);
        i.Location = i.Location with { Detail = OpenOptional(i.Location.Detail, "location.detail", null) };
        if (i.FilterAlert is { } alert)
            i.FilterAlert = alert with
            {
                SearchTerm = OpenOptional(alert.SearchTerm, "filterAlert.searchTerm", null),
                UserRef = OpenOptional(alert.UserRef, "filterAlert.userRef", null),
            };
        i.People = i.People.Select((p, n) =>
        {
            var subject = Subjects.Of(p.PupilId, p.StaffId);
            return p with
            {
                PupilId = Hide(p.PupilId, subject),
                StaffId = Hide(p.StaffId, subject),
                Name = OpenOptional(p.Name, $"people.{n}.name", subject),
                DateOfBirth = OpenOptional(p.DateOfBirth, $"people.{n}.dateOfBirth", subject),
            };
        }).ToList();
        OpenCaseWork(i, keys);
        if (erased.Count == 0) return;
        string? HidePupil(string? pupilId) => pupilId is null ? null : Hide(pupilId, Subjects.Pupil(pupilId));
        i.PupilIds = i.PupilIds.Select(p => HidePupil(p)!).Distinct(StringComparer.Ordinal).ToList();
        i.Actions = i.Actions.Select(a => a with { PupilId = HidePupil(a.PupilId) }).ToList();
        i.Timeline = i.Timeline.Select(t => t with { PupilId = HidePupil(t.PupilId) }).ToList();
    }

    /// <summary>A person's date of birth for retention, or null when unknown or erased.</summary>
    public static DateOnly? DateOfBirth(Guid incidentId, int index, string? sealedValue, string subject, OpenKeys keys)
    {
        if (sealedValue is null) return null;
        var value = FieldCipher.Open(sealedValue, [keys.For(Subjects.Incident(incidentId)), keys.For(subject)],
            Context(incidentId, $"people.{index}.dateOfBirth"));
        return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
    }

    /// <summary>Every data key an incident's sealed fields may need: the file's, its people's and those of people removed by a correction.</summary>
    public static IEnumerable<string> KeySubjects(OnlineSafetyIncident i) =>
        PeopleOf(i.People).Union(i.FormerPeople, StringComparer.Ordinal).Append(Subjects.Incident(i.Id));

    public static IReadOnlyList<string> PeopleOf(IEnumerable<InvolvedPerson> people) =>
        people.Select(p => Subjects.Of(p.PupilId, p.StaffId)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    private static string Context(Guid incidentId, string field) => $"{incidentId:N}/{field}";
}
