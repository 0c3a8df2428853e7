using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.ServiceDefaults.Http;

namespace TrustSafety.Governance.Training;

/// <summary>
/// Governance's change path for one person's training record (If-Match on the person's stream, keyed by their internal id);
/// every accepted change is followed by the position it leaves them in (what reporting learns).
/// </summary>
public static class PersonChange
{
    private static readonly ChangeRules<StaffTraining> Existing = new() { NotFound = () => Rejections.NotFound("Person") };

    /// <summary>The route's person id checked (the first field error of every write to a person).</summary>
    public static FieldErrors PersonId(string personId) => new FieldErrors().Id(personId, "personId");

    /// <summary>A change to one person's record on the one change path, with the position it leaves them in (what reporting learns).</summary>
    public static async Task<Results<Ok<PersonView>, ValidationProblem, ProblemHttpResult>> Apply(string personId, HttpContext http,
        IDocumentSession session, SchoolDay day, CurrentUser user, TimeProvider clock, Func<StaffTraining, Actor, DateTimeOffset, Decision> decide)
    {
        var requirements = await TrainingQueries.RequirementsOf(session, http.RequestAborted);
        return await Change.Apply<StaffTraining, PersonView>(http, session, user, clock, StreamIds.Person(personId),
            (p, actor, now) => WithStatus(p, decide(p, actor, now), requirements, now),
            _ => TrainingQueries.PersonViewOf(session, personId, day, http.RequestAborted), Existing);
    }

    /// <summary>An accepted decision on a person, followed by the position it leaves them in; anything else as it is.</summary>
    public static Decision WithStatus(StaffTraining? before, Decision decision, TrainingRequirements requirements, DateTimeOffset at)
    {
        if (decision.Rejection is not null || decision.Events.Count == 0) return decision;
        var after = before is { } existing ? Copies.Of(existing) : StaffTraining.Create((StaffMemberJoined)decision.Events[0]);
        foreach (var e in before is null ? decision.Events.Skip(1) : decision.Events) Fold(after, e);
        return decision with { Events = [.. decision.Events, TrainingRules.Snapshot(after, requirements.For(after.Role), at)] };
    }

    private static void Fold(StaffTraining person, object e)
    {
        switch (e)
        {
            case StaffMemberRoleChanged x: person.Apply(x); break;
            case StaffMemberLeft x: person.Apply(x); break;
            case TrainingCompleted x: person.Apply(x); break;
            case InductionCompleted x: person.Apply(x); break;
        }
    }
}
