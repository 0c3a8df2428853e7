using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Governance.Training;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.Governance.RecordingTraining;

public sealed record RecordCompletion(string? Kind, string? CompletedOn, string? Provider, string? CertificateRef);

/// <summary>Training one person has done (kind, date, provider, certificate); the same completion recorded twice counts once.</summary>
public static class RecordTrainingCompletionEndpoint
{
    public static void MapRecordTrainingCompletion(this RouteGroupBuilder t) =>
        t.MapPost("/people/{personId}/completions", Complete).RequireAuthorization(GovernancePolicies.Manage).WithName("RecordTrainingCompletion")
            .WithSummary("Record training done: kind, date, provider, certificate reference (If-Match)").ProducesChangeProblems();

    private static async Task<Results<Ok<PersonView>, ValidationProblem, ProblemHttpResult>> Complete(string personId, RecordCompletion body,
        HttpContext http, IDocumentSession session, SchoolDay day, CurrentUser user, TimeProvider clock)
    {
        var v = PersonChange.PersonId(personId).OneOf(body.Kind, "kind", TrainingRules.Kinds).Text(body.Provider, "provider", 200)
            .Optional(body.CertificateRef, "certificateRef", 100);
        var on = v.RequiredDate(body.CompletedOn, "completedOn");
        if (!v.IsValid) return v.Problem();
        return await PersonChange.Apply(personId, http, session, day, user, clock, (p, actor, now) =>
            TrainingRules.Complete(p, body.Kind!, on!.Value, body.Provider!.Trim(), body.CertificateRef?.Trim(), null, day.Today, actor.Id, now));
    }
}
