using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Governance.Training;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.Governance.RecordingTraining;

public sealed record RecordInduction(string? PolicyReadOn, string? AupSignedOn);

/// <summary>A person's induction: the online-safety policy read and the AUP signed on joining.</summary>
public static class RecordInductionEndpoint
{
    public static void MapRecordInduction(this RouteGroupBuilder t) =>
        t.MapPost("/people/{personId}/induction", Induct).RequireAuthorization(GovernancePolicies.Manage).WithName("RecordInduction")
            .WithSummary("Record induction: the online-safety policy read and the AUP signed on joining (If-Match)").ProducesChangeProblems();

    private static async Task<Results<Ok<PersonView>, ValidationProblem, ProblemHttpResult>> Induct(string personId, RecordInduction body,
        HttpContext http, IDocumentSession session, SchoolDay day, CurrentUser user, TimeProvider clock)
    {
        var v = PersonChange.PersonId(personId);
        var read = v.RequiredDate(body.PolicyReadOn, "policyReadOn");
        var signed = v.RequiredDate(body.AupSignedOn, "aupSignedOn");
        if (!v.IsValid) return v.Problem();
        return await PersonChange.Apply(personId, http, session, day, user, clock, (p, actor, now) =>
            TrainingRules.Induct(p, read!.Value, signed!.Value, day.Today, actor.Id, now));
    }
}
