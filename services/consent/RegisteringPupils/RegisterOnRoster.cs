using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Consent.Pupils;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.Consent.RegisteringPupils;

public sealed record RosterEntry(string? PupilId, string? ClassName, int? YearGroup, string? LeavingDate);
public sealed record RegisterPupils(IReadOnlyList<RosterEntry>? Pupils);
public sealed record RosterResult(int Enrolled, int Changed, int Unchanged);

/// <summary>One pupil of a checked roster: the school's pupil id, class, year group and leaving date.</summary>
public sealed record RosterPupil(string PupilId, string ClassName, int YearGroup, DateOnly? LeavingDate);

public static class RegisterOnRoster
{
    public const int MaxBatch = 2000;

    /// <summary>Enrol a pupil, or bring the roster in line with the MIS: only what changed becomes an event.</summary>
    public static IReadOnlyList<object> Decide(Pupil? current, string pupilId, string className, int yearGroup, DateOnly? leavingDate,
        DateTimeOffset now)
    {
        var events = new List<object>();
        if (current is null)
        {
            events.Add(new PupilEnrolled(pupilId, className, yearGroup, now));
            if (leavingDate is not null) events.Add(new PupilLeavingDateRecorded(pupilId, leavingDate, now));
            return events;
        }
        if (current.ClassName != className || current.YearGroup != yearGroup)
            events.Add(new PupilPlacementChanged(pupilId, className, yearGroup, now));
        if (current.LeavingDate != leavingDate) events.Add(new PupilLeavingDateRecorded(pupilId, leavingDate, now));
        return events;
    }

    /// <summary>
    /// Pure: a pupil not on the roster yet starts their own stream; any other pupil's changes are addressed to their stream;
    /// a pupil the roster already has as sent records nothing.
    /// </summary>
    public static Decision Decide(IReadOnlyDictionary<Guid, Pupil?> pupils, IReadOnlyList<RosterPupil> roster, DateTimeOffset now)
    {
        // Collected, then added at once: a roster of thousands would otherwise copy the lists once per pupil.
        List<NewStream> started = [];
        List<StreamEvent> addressed = [];
        foreach (var p in roster)
        {
            var id = StreamIds.Pupil(p.PupilId);
            var current = pupils.GetValueOrDefault(id);
            var events = Decide(current, p.PupilId, p.ClassName, p.YearGroup, p.LeavingDate, now);
            if (events.Count == 0) continue;
            if (current is null) started.Add(new NewStream(id, typeof(Pupil), events));
            else addressed.AddRange(events.Select(e => new StreamEvent(id, e)));
        }
        return Decision.Nothing.Starting(started).AlsoOn(addressed);
    }

    /// <summary>How many pupils the decision enrolled (streams started) and changed; the rest of the roster was unchanged.</summary>
    public static RosterResult Answer(int pupils, Decision decision)
    {
        var enrolled = decision.Started.Count;
        var changed = decision.Elsewhere.Select(e => e.StreamId).Distinct().Count();
        return new RosterResult(enrolled, changed, pupils - enrolled - changed);
    }

    public static void MapPupilRegistration(this RouteGroupBuilder api) =>
        api.MapPost("/roster", Register).WithName("RegisterPupils").RequireAuthorization(ConsentPolicies.Manage)
            .WithSummary("Register or update pupils (id, class, year group, leaving date) from the school's MIS")
            .ProducesRecordProblems();

    private static async Task<Results<Ok<RosterResult>, ValidationProblem, ProblemHttpResult>> Register(RegisterPupils body,
        IDocumentSession session, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var v = new FieldErrors();
        var pupils = body.Pupils ?? [];
        v.Require(pupils.Count is > 0 and <= MaxBatch, "pupils", $"Send between 1 and {MaxBatch} pupils.");
        var roster = new List<RosterPupil>();
        for (var i = 0; i < pupils.Count; i++)
        {
            var p = pupils[i];
            v.Id(p.PupilId, $"pupils[{i}].pupilId");
            v.Require(!string.IsNullOrWhiteSpace(p.ClassName) && p.ClassName.Length <= 40, $"pupils[{i}].className",
                "Give the class name (1-40 characters), e.g. '3B' or 'Oak'.");
            v.Require(p.YearGroup is >= -1 and <= 13, $"pupils[{i}].yearGroup", "Give the year group: -1 nursery, 0 reception, 1-13.");
            var leaving = v.Date(p.LeavingDate, $"pupils[{i}].leavingDate");
            if (v.IsValid) roster.Add(new RosterPupil(p.PupilId!, p.ClassName!.Trim(), p.YearGroup!.Value, leaving));
        }
        v.Require(pupils.Select(p => p.PupilId).Distinct(StringComparer.Ordinal).Count() == pupils.Count, "pupils", "Each pupilId may appear only once.");
        if (!v.IsValid) return v.Problem();

        // Every pupil sent in one query, each appended at the version read: a change in between fails the whole request (412).
        var ids = roster.Select(p => StreamIds.Pupil(p.PupilId)).ToList();
        var found = (await session.LoadManyAsync<Pupil>(ct, ids)).ToDictionary(p => p.Id);
        var read = ids.ToDictionary(id => id, id => found.TryGetValue(id, out var pupil)
            ? new Versioned<Pupil>(pupil, pupil.Version) : new Versioned<Pupil>(null, 0));
        return await Change.Record<Pupil, Ok<RosterResult>>(session, user, clock, read,
            (states, _, now) => Decide(states, roster, now),
            decision => Task.FromResult(TypedResults.Ok(Answer(roster.Count, decision))), ct);
    }
}
