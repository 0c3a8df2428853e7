using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Governance.Training;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.Governance.RecordingTraining;

public sealed record AddPerson(string? Name, string? Role, string? JoinedOn);

/// <summary>A member of staff or governor added to the training register by their internal id (If-Match "0"), or renamed or given a new role.</summary>
public static class AddTrainingPersonEndpoint
{
    public static void MapAddTrainingPerson(this RouteGroupBuilder t) =>
        t.MapPut("/people/{personId}", Add).RequireAuthorization(GovernancePolicies.Manage).WithName("AddOrUpdateTrainingPerson")
            .WithSummary("Add a member of staff or governor (internal id, name, role, joining date; If-Match \"0\"), or change their name or role (If-Match)")
            .ProducesChangeProblems();

    private static async Task<Results<Ok<PersonView>, ValidationProblem, ProblemHttpResult>> Add(string personId, AddPerson body, HttpContext http,
        IDocumentSession session, SchoolDay day, CurrentUser user, TimeProvider clock)
    {
        var v = PersonChange.PersonId(personId).Name(body.Name, "name").OneOf(body.Role, "role", TrainingRules.Roles);
        var joinedOn = v.Date(body.JoinedOn, "joinedOn");
        v.Require(joinedOn is null || joinedOn <= day.Today.AddDays(366), "joinedOn", "Give the joining date (yyyy-MM-dd), at most a year ahead.");
        if (!v.IsValid) return v.Problem();
        var requirements = await TrainingQueries.RequirementsOf(session, http.RequestAborted);
        return await Change.ApplyOrStart<StaffTraining, PersonView>(http, session, user, clock, StreamIds.Person(personId),
            (p, actor, now) => PersonChange.WithStatus(p, TrainingRules.Join(p, personId, body.Name!.Trim(), body.Role!, joinedOn ?? day.Today, actor.Id, now),
                requirements, now),
            _ => TrainingQueries.PersonViewOf(session, personId, day, http.RequestAborted));
    }
}
