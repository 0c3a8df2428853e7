using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Governance.Training;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.Governance.RecordingTraining;

public sealed record RecordLeaving(string? LeftOn);

/// <summary>A person has left: no longer counted in the audit from that day.</summary>
public static class RecordLeavingEndpoint
{
    public static void MapRecordLeaving(this RouteGroupBuilder t) =>
        t.MapPost("/people/{personId}/leaving", Leave).RequireAuthorization(GovernancePolicies.Manage).WithName("RecordLeaving")
            .WithSummary("The person has left: no longer counted in the audit from that day (If-Match)").ProducesChangeProblems();

    private static async Task<Results<Ok<PersonView>, ValidationProblem, ProblemHttpResult>> Leave(string personId, RecordLeaving body,
        HttpContext http, IDocumentSession session, SchoolDay day, CurrentUser user, TimeProvider clock)
    {
        var v = PersonChange.PersonId(personId);
        var on = v.RequiredDate(body.LeftOn, "leftOn");
        if (!v.IsValid) return v.Problem();
        return await PersonChange.Apply(personId, http, session, day, user, clock, (p, actor, now) => TrainingRules.Leave(p, on!.Value, actor.Id, now));
    }
}
