using Marten;
using TrustSafety.Incident.Http;
using TrustSafety.Incident.Incidents;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Incident.RoutingIncidents;

public sealed record DeclineRouteStepRequest(string? Rationale);

/// <summary>
/// A decision not to take a step of the incident's route (e.g. no police referral: the police already hold the case),
/// recorded with its rationale; a required step so answered no longer holds the closure back.
/// </summary>
public static class DeclineRouteStep
{
    public static Decision Decide(OnlineSafetyIncident incident, string step, DeclineRouteStepRequest request, Actor actor, DateTimeOffset now,
        Guid decisionId)
    {
        if (incident.IsClosed)
            return Decision.Conflict("The incident is closed", "Reopen the incident (POST /incidents/{id}/reopen) before recording a decision.");
        var steps = RouteEvaluation.Progress(incident).Steps;
        var state = steps.FirstOrDefault(s => s.Step == step);
        if (state is null)
            return Decision.Invalid("No such step on this incident's route", new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["step"] = [steps.Count == 0
                    ? $"'{step}' is not a step of this incident's route: it has none (it is not triaged, or its triage asks for no step)."
                    : $"'{step}' is not a step of this incident's route; use one of: {string.Join(", ", steps.Select(s => s.Step))}."],
            });
        if (state.State == RouteStates.Done)
            return Decision.Conflict("The step is already done", $"{state.Label} was done by a {state.SatisfiedBy} ({state.RecordId}); there is nothing to decline.");
        if (state.State == RouteStates.Declined)
            return Decision.Conflict("A decision not to take this step is already recorded",
                $"{state.By} recorded it on {state.At:yyyy-MM-dd}; take the step itself if the decision changes.");
        var errors = new FieldErrors().Required(request.Rationale, "rationale",
            "why the step is not taken (e.g. the police already hold the case, reference …); it is kept with the incident and audited.");
        if (errors.Any) return errors.Reject("The decision could not be recorded");
        return Decision.Accept(new RouteStepDeclined(incident.Id, decisionId, step, actor.Id, actor.Name, now, request.Rationale!.Trim()));
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapPost("/incidents/{id:guid}/route-steps/{step}/decline", (Guid id, string step, DeclineRouteStepRequest request, HttpContext http,
                IDocumentSession session, CurrentUser user, TimeProvider clock) =>
            {
                var decisionId = Guid.CreateVersion7();
                return Changes.Apply(http, session, user, clock, id, (i, a, n) => Decide(i, step, request, a, n, decisionId), _ => decisionId);
            })
        .RequireAuthorization(PlatformPolicies.SafeguardingTeam)
        .WithName("DeclineRouteStep")
        .WithSummary("Record a decision not to take a step of the incident's route, with its rationale (safeguarding team; If-Match required)")
        .ProducesChangeProblems();
}
