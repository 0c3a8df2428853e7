using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Contracts.Reference;
using TrustSafety.Incident.Http;
using TrustSafety.Incident.Incidents;
using TrustSafety.Incident.RoutingIncidents;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Incident.TriagingIncident;

/// <summary>The DSL's triage: illegal or inappropriate, category (versioned list), 4C, severity 1–5, handler, why.</summary>
public sealed record TriageRequest(
    bool? Illegal, string? Category, string? FourC, int? Severity, string? HandlerId, string? HandlerName, string? Rationale);

public static class TriageIncident
{
    public const string Invalid = "The triage could not be recorded";

    /// <summary>
    /// <paramref name="rules"/>: the incident's pinned route rules version if it has one, else the current version
    /// (the defaults when none is given); the steps they give are stored with the triage.
    /// </summary>
    public static Decision Decide(OnlineSafetyIncident incident, TriageRequest request, Actor actor, DateTimeOffset now, RouteRuleSet? rules = null)
    {
        if (incident.IsClosed)
            return Decision.Conflict("The incident is closed", "Reopen the incident (POST /incidents/{id}/reopen) before triaging it again.");
        var errors = new FieldErrors()
            .When(request.Illegal is null, "illegal", "illegal is required: true if the activity is illegal, false if inappropriate.")
            .OneOf(request.Category, IncidentCategories.All, "category")
            .OneOf(request.FourC, FourC.All, "fourC")
            .When(request.Severity is null or < 1 or > 5, "severity", "severity is required: a whole number from 1 (low) to 5 (critical).")
            .Required(request.HandlerId, "handlerId", "the user id of the member of the safeguarding team handling it.", 200)
            .Required(request.Rationale, "rationale", "why this category and severity.");
        if (errors.Any) return errors.Reject(Invalid);

        rules ??= DefaultRouteRules.Set;
        var steps = RouteEvaluation.Evaluate(rules.Rules,
            RouteEvaluation.FactsOf(incident, request.Illegal!.Value, request.Category!, request.FourC!, request.Severity!.Value));
        return Decision.Accept(new IncidentTriaged(
            incident.Id, actor.Id, actor.Name, now, incident.ReportedAt, request.Illegal!.Value, request.Category!,
            IncidentCategories.Version, request.FourC!, request.Severity!.Value, request.HandlerId!.Trim(),
            request.HandlerName?.Trim(), request.Rationale!.Trim(), rules.RulesVersion, steps));
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapPost("/incidents/{id:guid}/triage", async (Guid id, TriageRequest request, HttpContext http, IDocumentSession session,
                IDocumentStore store, CurrentUser user, TimeProvider clock) =>
            {
                // A re-triage stays under the rules version of the first: changing the rules never rewrites a route.
                var pinned = (await session.LoadAsync<OnlineSafetyIncident>(id, http.RequestAborted))?.RouteRulesVersion;
                var rules = await RouteRuleSets.LoadAsync(store, pinned, http.RequestAborted);
                return await Changes.Apply(http, session, user, clock, id, (incident, actor, now) => Decide(incident, request, actor, now, rules));
            })
        .RequireAuthorization(PlatformPolicies.SafeguardingTeam)
        .WithName("TriageIncident")
        .WithSummary("Triage an incident (safeguarding team; If-Match required)")
        .ProducesChangeProblems();
}
