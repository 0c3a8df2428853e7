using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Incident.Access;
using TrustSafety.Incident.DataProtection;
using TrustSafety.Incident.Incidents;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.Incident.Http;

/// <summary>The accepted change: the incident's new version (also its ETag) and the id of anything it created.</summary>
public sealed record ChangeAccepted(Guid IncidentId, long Version, Guid? CreatedId = null);

/// <summary>The platform's change path (<see cref="Change"/>) for an incident: seen and managed by the caller, free text sealed.</summary>
public static class Changes
{
    public static Task<Results<Ok<ChangeAccepted>, ValidationProblem, ProblemHttpResult>> Apply(
        HttpContext http, IDocumentSession session, CurrentUser user, TimeProvider clock, Guid id,
        Func<OnlineSafetyIncident, Actor, DateTimeOffset, Decision> decide, Func<Decision, Guid?>? createdId = null,
        Func<OnlineSafetyIncident, Actor, bool>? mayAct = null) =>
        Change.Apply(http, session, user, clock, id, decide,
            applied => new ChangeAccepted(id, applied.Version, createdId?.Invoke(applied.Decision)),
            new ChangeRules<OnlineSafetyIncident>
            {
                NotFound = () => Problems.IncidentNotFound(id),
                // mayAct widens who may change it (a task's assignee completes it without seeing the case).
                Admit = (incident, actor) => (mayAct?.Invoke(incident, actor) ?? Visibility.CanManage(incident, actor)) ? null
                    : Visibility.CanSee(incident, actor) ? Problems.NotYourCase() : Problems.IncidentNotFound(id),
                BeforeSave = (context, incident, events) => context.RequestServices.GetRequiredService<IncidentPersonalData>()
                    .SealCaseWorkAsync(session.TenantId, incident!, events, context.RequestAborted),
            });
}

public static class Problems
{
    public static ProblemHttpResult IncidentNotFound(Guid id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Incident not found",
        detail: $"There is no incident {id} in your school that you can see.");

    public static ProblemHttpResult NotYourCase() => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden, title: "Only the safeguarding team can change this incident",
        detail: "You can read the concern you reported; the DSL or a deputy records triage, actions and decisions.");
}
