using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Incident.DataProtection;
using TrustSafety.Incident.Http;
using TrustSafety.Incident.Incidents;
using TrustSafety.Incident.KnowingTheRoster;
using TrustSafety.Incident.PupilContext;
using TrustSafety.Incident.ReportingConcern;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Incident.CorrectingPeople;

/// <param name="Change">add (someone came to light later), correct (person <paramref name="Index"/> was named wrongly) or remove (named in error).</param>
/// <param name="Index">The person's position (0-based) in the incident's people, for correct and remove.</param>
/// <param name="Person">The person to add, or the right person in place of the wrong one; pupils by internal pupil id.</param>
/// <param name="Reason">Why the record is corrected, e.g. "The class teacher named the wrong Hattie; the pupil is Hattie Ng" (sealed, audited).</param>
public sealed record CorrectPeopleRequest(string? Change, int? Index, PersonInput? Person, string? Reason);

/// <summary>
/// The DSL (or deputy) corrects the people on an incident after it was reported: adds someone, replaces a person named
/// wrongly, or removes one named in error. Audited like every change (who, when, why); the event carries the whole
/// corrected list, sealed again under the file's key and each person's own, and the concern's shared text re-sealed for
/// the people now involved (an erasure of someone removed no longer reaches it). Visibility is re-checked: naming a member
/// of staff as instigator makes the incident an allegation against staff (DSL and headteacher only); a correction never
/// clears that flag (a deputy must not gain sight of an allegation by a correction).
/// </summary>
public static class CorrectPeople
{
    public const string Invalid = "The people involved were not corrected";
    public static readonly IReadOnlyList<string> ChangeKinds = ["add", "correct", "remove"];
    public const int MaxPeople = 30;

    /// <param name="opened">The incident as its reader sees it (names opened); <paramref name="version"/> the stream's version being changed.</param>
    public static Decision Decide(OnlineSafetyIncident opened, long version, CorrectPeopleRequest request, Actor actor, DateTimeOffset now, Guid correctionId)
    {
        if (!actor.IsDsl && !actor.Is(PlatformRoles.DeputyDsl))
            return Decision.Forbidden("Only the DSL or a deputy DSL can correct who was involved",
                "Ask the DSL to correct the people on this incident; the correction is recorded with their reason.");
        if (opened.Version != version)
            return Decision.Conflict("The incident changed while it was read", "Read the incident again and repeat the correction.");
        if (opened.IsClosed)
            return Decision.Conflict("The incident is closed", "Reopen the incident (POST /incidents/{id}/reopen) before correcting who was involved.");
        if (opened.People.Any(p => p.PupilId == FieldCipher.Erased || p.StaffId == FieldCipher.Erased || p.Name == FieldCipher.Erased))
            return Decision.Conflict("Someone on this incident has been erased",
                "The people on an incident with an erased person cannot be corrected; record the correction as a note in case work instead.");

        var errors = new FieldErrors()
            .OneOf(request.Change, ChangeKinds, "change")
            .Required(request.Reason, "reason", "why the record is corrected, e.g. \"The class teacher named the wrong pupil\".", 1000);
        var count = opened.People.Count;
        if (request.Change is "correct" or "remove")
        {
            if (request.Index is null) errors.Add("index", $"index is required to {request.Change} someone: the person's position, 0 to {count - 1}.");
            else errors.When(request.Index < 0 || request.Index >= count, "index", $"index must be 0 to {count - 1}: this incident has {count} {(count == 1 ? "person" : "people")}.");
        }
        if (request.Change is "add" or "correct")
        {
            if (request.Person is null) errors.Add("person", "person is required: { role, pupilId } for a pupil or { role, staffId, name } for a member of staff.");
            else ReportingConcern.ReportConcern.ValidatePerson(request.Person, "person", errors, now);
        }
        if (request.Change == "remove") errors.When(count <= 1, "change", "An incident needs at least one person: correct this person instead of removing them.");
        if (request.Change == "add") errors.When(count >= MaxPeople, "change", $"An incident has at most {MaxPeople} people involved.");
        if (errors.Any) return errors.Reject(Invalid);

        var index = request.Index ?? count;
        var person = request.Person is { } p
            ? new InvolvedPerson(p.Role!, Trim(p.PupilId), Trim(p.StaffId), Trim(p.Name),
                p.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            : null;
        var people = opened.People.ToList();
        switch (request.Change)
        {
            case "add": people.Add(person!); break;
            case "correct": people[index] = person!; break;
            default: people.RemoveAt(index); break;
        }
        if (person is not null && people.Where((other, n) => n != (request.Change == "add" ? people.Count - 1 : index))
                .Any(other => SamePerson(other, person)))
            return errors.Add("person", "This person is already on the incident: correct their entry instead.").Reject(Invalid);

        var allegation = opened.AllegationAgainstStaff || people.Any(x => x.Role == "staff-instigator");
        return Decision.Accept(new InvolvedPeopleCorrected(opened.Id, correctionId, actor.Id, actor.Name, now, request.Change!, index,
            (person ?? opened.People[index]).Role, people, opened.WhatHappened, opened.HowItCameToLight, request.Reason!.Trim(), allegation));
    }

    private static bool SamePerson(InvolvedPerson a, InvolvedPerson b) =>
        (a.PupilId is not null && a.PupilId == b.PupilId) || (a.StaffId is not null && a.StaffId == b.StaffId);

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static void Map(RouteGroupBuilder group) => group
        .MapPost("/incidents/{id:guid}/people/corrections", async (Guid id, CorrectPeopleRequest request, HttpContext http,
            IDocumentSession session, IDocumentStore store, CurrentUser user, TimeProvider clock, IncidentPersonalData personalData,
            Keyring keyring) =>
        {
            // The decider needs the names as they read (they are sealed in the snapshot): a separate read, opened, never stored.
            await using var read = store.QuerySession(session.TenantId);
            var current = await read.LoadAsync<OnlineSafetyIncident>(id, http.RequestAborted);
            var opened = current is null ? null : await personalData.OpenAsync(read, current, http.RequestAborted);
            // A pupil's date of birth from the roster when the form gave none (it sets the file's retention).
            if (request.Person is { PupilId: { Length: > 0 } pupilId, DateOfBirth: null } person
                && await read.LoadAsync<PupilBirthDate>(pupilId.Trim(), http.RequestAborted) is { } born)
                request = request with { Person = person with { DateOfBirth = born.DateOfBirth } };
            var correctionId = Guid.CreateVersion7();
            var result = await Changes.Apply(http, session, user, clock, id,
                (sealedIncident, actor, now) => Decide(opened ?? sealedIncident, sealedIncident.Version, request, actor, now, correctionId),
                _ => correctionId);
            // A pupil added or removed changes the month's vulnerable-learner counts (counts only; unchanged counts append
            // nothing) — only once the correction is appended: a refused one (400/404/409/412/428) changed nothing to count.
            if (current is not null && result.Result is Ok<ChangeAccepted>)
                await VulnerabilityCounts.RecountAsync(store, keyring, clock, session.TenantId, VulnerabilityCounts.MonthOf(current.ReportedAt), http.RequestAborted);
            return result;
        })
        .RequireAuthorization(PlatformPolicies.SafeguardingTeam)
        .WithName("CorrectPeopleInvolved")
        .WithSummary("Add, correct or remove a person involved after the report (DSL or deputy; audited with a reason; If-Match required)")
        .ProducesChangeProblems();
}
