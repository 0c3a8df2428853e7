using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Governance.Training;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.Governance.RecordingTrainingSessions;

public sealed record RecordSession(string? Kind, string? CompletedOn, string? Provider, string? CertificateRef, IReadOnlyList<string>? Attendees);
public sealed record SessionRecorded(Guid SessionId, string Kind, DateOnly CompletedOn, int Recorded, IReadOnlyList<string> AlreadyRecorded);

/// <summary>A training session as a command: validated, with its attendees (distinct internal ids, each on the register).</summary>
public sealed record TrainingSessionHeld(Guid SessionId, string Kind, DateOnly CompletedOn, string Provider, string? CertificateRef,
    IReadOnlyList<string> Attendees);

/// <summary>
/// One completion for every attendee of a session, on each attendee's own stream, with the position it leaves them in. An
/// attendee who already has this completion (or for whom it cannot count) is left as they are and named in the answer.
/// </summary>
public static class TrainingSession
{
    public static Decision Decide(IReadOnlyDictionary<Guid, StaffTraining?> people, TrainingRequirements requirements, TrainingSessionHeld session,
        Actor actor, DateTimeOffset now)
    {
        var today = SchoolDay.DayOf(now);
        var decision = Decision.Nothing;
        foreach (var attendee in session.Attendees)
        {
            var id = StreamIds.Person(attendee);
            var person = people.GetValueOrDefault(id);
            var outcome = PersonChange.WithStatus(person, TrainingRules.Complete(person, session.Kind, session.CompletedOn, session.Provider,
                session.CertificateRef, session.SessionId, today, actor.Id, now), requirements, now);
            if (outcome.Rejection is null) decision = outcome.Events.Aggregate(decision, (all, e) => all.AlsoOn(id, e));
        }
        return decision;
    }

    /// <summary>How many attendees the decision recorded, and who already had it.</summary>
    public static SessionRecorded Answer(TrainingSessionHeld session, Decision decision)
    {
        var changed = decision.Elsewhere.Select(e => e.StreamId).ToHashSet();
        var already = session.Attendees.Where(a => !changed.Contains(StreamIds.Person(a))).ToList();
        return new SessionRecorded(session.SessionId, session.Kind, session.CompletedOn, session.Attendees.Count - already.Count, already);
    }

    public static void MapRecordTrainingSession(this RouteGroupBuilder t) =>
        t.MapPost("/sessions", Record).RequireAuthorization(GovernancePolicies.Manage).WithName("RecordTrainingSession")
            .WithSummary("A training session: one completion for every attendee");

    private static async Task<Results<Ok<SessionRecorded>, ValidationProblem, ProblemHttpResult>> Record(RecordSession body,
        IDocumentSession session, SchoolDay day, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var v = new FieldErrors().OneOf(body.Kind, "kind", TrainingRules.Kinds).Text(body.Provider, "provider", 200)
            .Optional(body.CertificateRef, "certificateRef", 100)
            .Require(body.Attendees is { Count: > 0 and <= 500 }, "attendees", "List 1-500 attendees by their internal person id.");
        var on = v.RequiredDate(body.CompletedOn, "completedOn");
        v.Require(on is null || on <= day.Today, "completedOn", "Record a session once it has happened (not a future date).");
        var attendees = (body.Attendees ?? []).Distinct(StringComparer.Ordinal).ToList();
        foreach (var a in attendees) v.Id(a, "attendees");
        if (!v.IsValid) return v.Problem();
        var people = await session.LoadManyAsync<StaffTraining>(ct, attendees.Select(StreamIds.Person));
        var unknown = attendees.Except(people.Select(p => p.PersonId), StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
            return new FieldErrors().Add("attendees", $"No training record for: {string.Join(", ", unknown)}. Add them first (or remove them).").Problem();
        var command = new TrainingSessionHeld(Guid.CreateVersion7(), body.Kind!, on!.Value, body.Provider!.Trim(), body.CertificateRef?.Trim(), attendees);
        var requirements = await TrainingQueries.RequirementsOf(session, ct);
        return await Change.Record<StaffTraining, Ok<SessionRecorded>>(session, user, clock, attendees.Select(StreamIds.Person),
            (states, actor, now) => Decide(states, requirements, command, actor, now),
            decision => Task.FromResult(TypedResults.Ok(Answer(command, decision))), ct);
    }
}
