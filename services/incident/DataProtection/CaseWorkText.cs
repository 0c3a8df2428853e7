using System.Text.RegularExpressions;
using Marten;
using TrustSafety.Incident.Incidents;

namespace TrustSafety.Incident.DataProtection;

/// <summary>
/// The free text of case work (rationales, reasons, sanctions, support, who was informed, evidence descriptions,
/// holders and sealed locations, closure outcome and lessons learnt), sealed like the concern's free text: under the
/// file's key and any one of the people involved (it is their shared record: it stays while one of them remains); an
/// action about one pupil (sanction, support) under the file's key and that pupil's only. The associated data is the field's path in the incident snapshot
/// (e.g. <c>actions.{id}.why</c>), so a read opens the snapshot without replaying events. A closure's outcome text is
/// sealed (reporting learns only its code), and so is a referral's outcome text (ReferralOutcomeRecordedV2 carries its code).
/// </summary>
public sealed partial class IncidentPersonalData
{
    public static class Fields
    {
        public const string TriageRationale = "triage.rationale";
        public const string ImageryViewReason = "imageryViews.reason";
        public const string ClosureOutcome = "closure.outcome";
        public const string ClosureRationale = "closure.rationale";
        public const string ClosureLessonsLearnt = "closure.lessonsLearnt";
        public const string ReopeningReason = "reopenings.reason";
        public static string ActionWhat(Guid id) => $"actions.{id:N}.what";
        public static string ActionWhy(Guid id) => $"actions.{id:N}.why";
        public static string ReferralRationale(Guid id) => $"referrals.{id:N}.rationale";
        public static string ReferralOutcome(Guid id) => $"referrals.{id:N}.outcome";
        public static string EvidenceDescription(Guid id) => $"evidence.{id:N}.description";
        public static string EvidenceDeviceHolder(Guid id) => $"evidence.{id:N}.deviceHolder";
        public static string EvidenceSealedLocation(Guid id) => $"evidence.{id:N}.sealedLocation";
        public static string ImageryDelegationInstruction(Guid id) => $"imageryDelegations.{id:N}.instruction";
        public static string ImageryDelegationRevocationReason(Guid id) => $"imageryDelegations.{id:N}.revocationReason";
        public static string RouteDecisionRationale(Guid id) => $"routeDecisions.{id:N}.rationale";
        public static string TaskWhat(Guid id) => $"tasks.{id:N}.what";
        public static string TaskOutcome(Guid id) => $"tasks.{id:N}.outcome";
        public static string PeopleCorrectionReason(Guid id) => $"peopleCorrections.{id:N}.reason";
    }

    private static bool CarriesFreeText(object e) => e is IncidentTriaged or ParentsInformed or ParentsNotInformed or SanctionApplied
        or SupportOffered or DeviceSecured or ReferralMade or ReferralOutcomeRecorded or EvidenceReferenced or ImageryViewed or ImageryViewingDelegated or ImageryViewingDelegationRevoked or IncidentClosed
        or IncidentReopened or HeadteacherInformed or AdviceSought or RouteStepDeclined or ISealsCaseWork
        or TaskAssigned or TaskCompleted or InvolvedPeopleCorrected;

    /// <summary>The decided events with their free text sealed; the deciders stay pure and see plaintext requests.</summary>
    public async Task<IReadOnlyList<object>> SealCaseWorkAsync(
        string tenant, OnlineSafetyIncident incident, IReadOnlyList<object> events, CancellationToken ct)
    {
        if (!events.Any(CarriesFreeText)) return events;
        var file = Subjects.Incident(incident.Id);
        var people = PeopleOf(incident.People);
        // A correction of the people involved seals under the keys of the people it names, some of them new here.
        var named = events.OfType<InvolvedPeopleCorrected>().SelectMany(c => PeopleOf(c.People)).ToList();
        var keys = await keyring.ForSealingAsync(tenant, [file, .. people.Union(named, StringComparer.Ordinal)], ct);
        byte[][] everyone = [.. people.Select(p => keys[p])];
        string Seal(string text, string field) => FieldCipher.SealShared(text, keys[file], everyone, Context(incident.Id, field));
        string? SealOptional(string? text, string field) => text is null ? null : Seal(text, field);
        // An action about one pupil (their sanction, their support) is theirs alone: it goes with their erasure.
        string SealFor(string? pupilId, string text, string field) =>
            pupilId is not null && keys.TryGetValue(Subjects.Pupil(pupilId), out var theirs)
                ? FieldCipher.SealShared(text, keys[file], [theirs], Context(incident.Id, field))
                : Seal(text, field);

        var resealed = events.OfType<InvolvedPeopleCorrected>().LastOrDefault() is { } correction
            ? Reseal(incident, correction, keys) : null;

        var sealedEvents = events.Select(e => e switch
        {
            IncidentTriaged t => t with { Rationale = Seal(t.Rationale, Fields.TriageRationale) },
            ParentsInformed p => p with { Whom = Seal(p.Whom, Fields.ActionWhat(p.ActionId)), Rationale = Seal(p.Rationale, Fields.ActionWhy(p.ActionId)) },
            ParentsNotInformed p => p with { Reason = Seal(p.Reason, Fields.ActionWhy(p.ActionId)) },
            HeadteacherInformed p => p with { Rationale = Seal(p.Rationale, Fields.ActionWhy(p.ActionId)) },
            AdviceSought a => a with { Whom = Seal(a.Whom, Fields.ActionWhat(a.ActionId)), Advice = Seal(a.Advice, Fields.ActionWhy(a.ActionId)) },
            RouteStepDeclined d => d with { Rationale = Seal(d.Rationale, Fields.RouteDecisionRationale(d.DecisionId)) },
            SanctionApplied s => s with
            {
                Sanction = SealFor(s.PupilId, s.Sanction, Fields.ActionWhat(s.ActionId)),
                Rationale = SealFor(s.PupilId, s.Rationale, Fields.ActionWhy(s.ActionId)),
            },
            SupportOffered s => s with
            {
                Support = SealFor(s.PupilId, s.Support, Fields.ActionWhat(s.ActionId)),
                Rationale = SealFor(s.PupilId, s.Rationale, Fields.ActionWhy(s.ActionId)),
            },
            DeviceSecured d => d with
            {
                SealedLocation = SealOptional(d.SealedLocation, Fields.ActionWhat(d.ActionId)),
                Rationale = Seal(d.Rationale, Fields.ActionWhy(d.ActionId)),
            },
            ReferralMade r => r with { Rationale = Seal(r.Rationale, Fields.ReferralRationale(r.ReferralId)) },
            ReferralOutcomeRecorded o => o with { Outcome = o.Outcome.Length == 0 ? o.Outcome : Seal(o.Outcome, Fields.ReferralOutcome(o.ReferralId)) },
            TaskAssigned t => t with { What = Seal(t.What, Fields.TaskWhat(t.TaskId)) },
            TaskCompleted t => t with { Outcome = Seal(t.Outcome, Fields.TaskOutcome(t.TaskId)) },
            EvidenceReferenced v => v with
            {
                Description = Seal(v.Description, Fields.EvidenceDescription(v.EvidenceId)),
                DeviceHolder = SealOptional(v.DeviceHolder, Fields.EvidenceDeviceHolder(v.EvidenceId)),
                SealedLocation = SealOptional(v.SealedLocation, Fields.EvidenceSealedLocation(v.EvidenceId)),
            },
            ImageryViewed v => v with { Reason = Seal(v.Reason, Fields.ImageryViewReason) },
            ImageryViewingDelegated d => d with { Instruction = Seal(d.Instruction, Fields.ImageryDelegationInstruction(d.DelegationId)) },
            ImageryViewingDelegationRevoked r => r with { Reason = Seal(r.Reason, Fields.ImageryDelegationRevocationReason(r.DelegationId)) },
            IncidentClosed c => c with
            {
                Outcome = c.Outcome.Length == 0 ? c.Outcome : Seal(c.Outcome, Fields.ClosureOutcome),
                Rationale = Seal(c.Rationale, Fields.ClosureRationale),
                LessonsLearnt = Seal(c.LessonsLearnt, Fields.ClosureLessonsLearnt),
            },
            IncidentReopened r => r with { Reason = Seal(r.Reason, Fields.ReopeningReason) },
            InvolvedPeopleCorrected c => SealCorrection(c, keys[file], keys),
            ISealsCaseWork s => s.SealWith(Seal),
            _ => e,
        }).ToList();
        if (resealed is not null) sealedEvents.Add(resealed);
        return sealedEvents;
    }

    /// <summary>
    /// The case work recorded before a correction, re-sealed for the people the correction leaves (issue 14.2): every
    /// shared sealed value the snapshot holds, opened with the file's key and those of the people involved until now, sealed
    /// again under the file's key and the keys of the people now involved. A pupil's own action (their sanction, their
    /// support) stays theirs alone; a value none of the present keys opens (sealed only for someone removed by a correction
    /// made before re-sealing existed) is left as it was and still opens with that person's key. Null when nothing is sealed.
    /// </summary>
    private static CaseWorkResealed? Reseal(OnlineSafetyIncident incident, InvolvedPeopleCorrected c, IReadOnlyDictionary<string, byte[]> keys)
    {
        var file = keys[Subjects.Incident(incident.Id)];
        byte[]?[] until = [.. PeopleOf(incident.People).Select(p => keys[p])];
        byte[][] now = [.. PeopleOf(c.People).Select(p => keys[p])];
        var own = incident.Actions.Where(a => a.PupilId is not null)
            .SelectMany(a => new[] { Fields.ActionWhat(a.Id), Fields.ActionWhy(a.Id) }).ToHashSet(StringComparer.Ordinal);
        var replacements = new Dictionary<string, string>(StringComparer.Ordinal);
        // The walk hands every value back unchanged: the snapshot being written is only read here.
        EachCaseWorkField(incident, (value, field) =>
        {
            if (own.Contains(field) || !FieldCipher.ContainsSealed(value)) return value;
            foreach (Match m in SealedValue().Matches(value))
            {
                if (!m.Value.StartsWith(FieldCipher.SharedPrefix, StringComparison.Ordinal) || replacements.ContainsKey(m.Value)) continue;
                var context = Context(incident.Id, field);
                var text = FieldCipher.Open(incident.Resealed.GetValueOrDefault(m.Value, m.Value), file, until, context);
                if (text != FieldCipher.Erased) replacements[m.Value] = FieldCipher.SealShared(text, file, now, context);
            }
            return value;
        });
        return replacements.Count == 0 ? null : new CaseWorkResealed(incident.Id, c.CorrectionId, replacements);
    }

    /// <summary>
    /// The corrected people sealed as a report seals them (name and date of birth under the file's key and the person's, at
    /// their new position), the concern's text re-sealed for the people now involved, the reason for both old and new.
    /// </summary>
    private static InvolvedPeopleCorrected SealCorrection(InvolvedPeopleCorrected c, byte[] file, IReadOnlyDictionary<string, byte[]> keys)
    {
        var now = PeopleOf(c.People);
        string? SealPerson(string? text, string field, string? subject) => text is null ? null
            : FieldCipher.Seal(text, subject is null ? [file] : [file, keys[subject]], Context(c.IncidentId, field));
        string SealShared(string text, string field, IEnumerable<string> subjects) =>
            FieldCipher.SealShared(text, file, [.. subjects.Select(s => keys[s])], Context(c.IncidentId, field));
        return c with
        {
            People = c.People.Select((p, n) => p with
            {
                Name = SealPerson(p.Name, $"people.{n}.name", Subjects.Of(p.PupilId, p.StaffId)),
                DateOfBirth = SealPerson(p.DateOfBirth, $"people.{n}.dateOfBirth", Subjects.Of(p.PupilId, p.StaffId)),
            }).ToList(),
            WhatHappened = SealShared(c.WhatHappened, "whatHappened", now),
            HowItCameToLight = SealShared(c.HowItCameToLight, "howItCameToLight", now),
            Reason = SealShared(c.Reason, Fields.PeopleCorrectionReason(c.CorrectionId), keys.Keys.Where(k => k != Subjects.Incident(c.IncidentId))),
        };
    }

    /// <summary>
    /// Opens only the case-work free text (ids stay as they are), for reads that select by pupil id such as the
    /// chronology. The instances are fresh loads, never stored back.
    /// </summary>
    public async Task<IReadOnlyList<OnlineSafetyIncident>> OpenCaseWorkAsync(
        IQuerySession session, IReadOnlyList<OnlineSafetyIncident> incidents, CancellationToken ct)
    {
        var keys = await keyring.ForOpeningAsync(session, incidents.SelectMany(i => KeySubjects(i)), ct);
        foreach (var incident in incidents) OpenCaseWork(incident, keys);
        return incidents;
    }

    /// <summary>Imagery views as the audit trail shows them: each reason opened with its incident's keys.</summary>
    public async Task<IReadOnlyList<object>> OpenImageryViewsAsync(IQuerySession session, IReadOnlyList<object> facts, CancellationToken ct)
    {
        var ids = facts.OfType<ImageryViewed>().Where(v => FieldCipher.IsSealed(v.Reason)).Select(v => v.IncidentId).Distinct().ToArray();
        if (ids.Length == 0) return facts;
        var incidents = (await session.LoadManyAsync<OnlineSafetyIncident>(ct, ids)).ToDictionary(i => i.Id);
        var keys = await keyring.ForOpeningAsync(session,
            incidents.Values.SelectMany(i => KeySubjects(i)), ct);
        return facts.Select(f => f is ImageryViewed v && FieldCipher.IsSealed(v.Reason)
            ? v with
            {
                Reason = incidents.TryGetValue(v.IncidentId, out var incident)
                    ? FieldCipher.Open(incident.Resealed.GetValueOrDefault(v.Reason, v.Reason), Layers(incident, keys),
                        Context(v.IncidentId, Fields.ImageryViewReason))
                    : FieldCipher.Erased,
            }
            : f).ToList();
    }

    private static byte[]?[] Layers(OnlineSafetyIncident i, OpenKeys keys) =>
        [keys.For(Subjects.Incident(i.Id)), .. PeopleOf(i.People).Union(i.FormerPeople, StringComparer.Ordinal).Select(keys.For)];

    private static void OpenCaseWork(OnlineSafetyIncident i, OpenKeys keys)
    {
        var layers = Layers(i, keys);
        // The timeline's summaries quote the same sealed values as the records, so they are opened by lookup. A value
        // re-sealed after a correction of the people (CaseWorkResealed) is opened in its re-sealed form.
        var opened = new Dictionary<string, string>(StringComparer.Ordinal);
        string Open(string value, string field) => !FieldCipher.ContainsSealed(value) ? value
            : SealedValue().Replace(value, m => opened[m.Value] =
                FieldCipher.Open(i.Resealed.GetValueOrDefault(m.Value, m.Value), layers, Context(i.Id, field)));
        EachCaseWorkField(i, Open);
        i.Timeline = i.Timeline.Select(t => !FieldCipher.ContainsSealed(t.Summary) ? t
            : t with { Summary = SealedValue().Replace(t.Summary, m => opened.GetValueOrDefault(m.Value, FieldCipher.Erased)) }).ToList();
    }

    /// <summary>Every case-work text of the snapshot, replaced by <paramref name="Open"/>(value, its field path).</summary>
    private static void EachCaseWorkField(OnlineSafetyIncident i, Func<string, string, string> Open)
    {
        string? OpenOptional(string? value, string field) => value is null ? null : Open(value, field);
        ClosureRecord? OpenClosure(ClosureRecord? c) => c is null ? null : c with
        {
            Outcome = Open(c.Outcome, Fields.ClosureOutcome),
            Rationale = Open(c.Rationale, Fields.ClosureRationale),
            LessonsLearnt = Open(c.LessonsLearnt, Fields.ClosureLessonsLearnt),
        };

        if (i.Triage is { } triage) i.Triage = triage with { Rationale = Open(triage.Rationale, Fields.TriageRationale) };
        i.Actions = i.Actions.Select(a => a with { What = Open(a.What, Fields.ActionWhat(a.Id)), Why = Open(a.Why, Fields.ActionWhy(a.Id)) }).ToList();
        foreach (var referral in i.Referrals)
        {
            referral.Rationale = Open(referral.Rationale, Fields.ReferralRationale(referral.Id));
            referral.Outcome = OpenOptional(referral.Outcome, Fields.ReferralOutcome(referral.Id));
        }
        foreach (var task in i.Tasks)
        {
            task.What = Open(task.What, Fields.TaskWhat(task.Id));
            task.Outcome = OpenOptional(task.Outcome, Fields.TaskOutcome(task.Id));
        }
        i.Evidence = i.Evidence.Select(e => e with
        {
            Description = Open(e.Description, Fields.EvidenceDescription(e.Id)),
            DeviceHolder = OpenOptional(e.DeviceHolder, Fields.EvidenceDeviceHolder(e.Id)),
            SealedLocation = OpenOptional(e.SealedLocation, Fields.EvidenceSealedLocation(e.Id)),
        }).ToList();
        i.ImageryViews = i.ImageryViews.Select(v => v with { Reason = Open(v.Reason, Fields.ImageryViewReason) }).ToList();
        i.ImageryDelegations = i.ImageryDelegations
            .Select(d => d with
            {
                Instruction = Open(d.Instruction, Fields.ImageryDelegationInstruction(d.Id)),
                RevocationReason = d.RevocationReason is null ? null : Open(d.RevocationReason, Fields.ImageryDelegationRevocationReason(d.Id)),
            }).ToList();
        i.RouteDecisions = i.RouteDecisions.Select(d => d with { Rationale = Open(d.Rationale, Fields.RouteDecisionRationale(d.Id)) }).ToList();
        i.Closure = OpenClosure(i.Closure);
        i.PeopleCorrections = i.PeopleCorrections.Select(c => c with { Reason = Open(c.Reason, Fields.PeopleCorrectionReason(c.Id)) }).ToList();
        i.OpenCaseFiles(Open);
        i.Reopenings = i.Reopenings.Select(r => r with
        {
            Reason = Open(r.Reason, Fields.ReopeningReason),
            PreviousClosure = OpenClosure(r.PreviousClosure),
        }).ToList();
    }

    [GeneratedRegex("enc:v[12]:[A-Za-z0-9+/]*={0,2}", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SealedValue();
}
