namespace TrustSafety.Governance.Training;

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
            var outcome = RecordingTraining.WithStatus(person, TrainingRules.Complete(person, session.Kind, session.CompletedOn, session.Provider,
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
}
