using Marten;
using TrustSafety.Contracts.Reference;
using TrustSafety.Incident.Http;
using TrustSafety.Incident.Incidents;
using TrustSafety.Incident.RoutingIncidents;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Incident.ClosingIncident;

/// <summary>
/// OutcomeCode: one of contracts' IncidentOutcomes (what reporting learns); Outcome: optional free text, sealed here. An
/// Outcome that is itself a code (older clients) counts as the code.
/// </summary>
public sealed record CloseRequest(string? Outcome, string? Rationale, string? LessonsLearnt, string? OutcomeCode = null);

public sealed record ReopenRequest(string? Reason);

/// <summary>Closure is a decision: it needs an outcome, its rationale and the lessons learnt for policy review.</summary>
public static class CloseIncident
{
    public const string Invalid = "Closure requires an outcome code, a rationale and lessons learnt";

    public static Decision Decide(OnlineSafetyIncident incident, CloseRequest request, Actor actor, DateTimeOffset now)
    {
        if (incident.IsClosed)
            return Decision.Conflict("The incident is already closed", "It was closed; reopen it first if the decision must change.");
        var legacyCode = request.OutcomeCode is null && request.Outcome is { } o && IncidentOutcomes.All.Contains(o.Trim(), global::System.StringComparer.Ordinal) ? o.Trim() : null;
        var code = request.OutcomeCode ?? legacyCode;
        var words = legacyCode is null ? request.Outcome?.Trim() : null;
        var errors = new FieldErrors()
            .OneOf(code, IncidentOutcomes.All, "outcomeCode")
            .When(words?.Length > 4000, "outcome", "outcome must be at most 4000 characters.")
            .Required(request.Rationale, "rationale", "why the incident can be closed: the reasoning behind the decision.")
            .Required(request.LessonsLearnt, "lessonsLearnt", "what the school learnt for policy review (\"none\" is an answer).");
        if (errors.Any) return errors.Reject(Invalid);
        if (incident.Triage is null)
            return Decision.Conflict("The incident has not been triaged",
                "Triage it first (POST /incidents/{id}/triage): a closed incident needs its category, 4C and severity.");
        var openSteps = RouteEvaluation.Progress(incident).OpenRequired;
        if (openSteps.Count > 0)
            return Decision.Conflict("Required steps of the incident's route are open",
                $"Before closing, take each required step or record a decision not to, with its rationale " +
                $"(POST /incidents/{{id}}/route-steps/{{step}}/decline): " +
                string.Join("; ", openSteps.Select(s => $"{s.Label} ({s.Step})")) + ".",
                new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["openSteps"] = openSteps.Select(s => s.Step).ToList(),
                    ["routeRulesVersion"] = incident.RouteRulesVersion,
                });
        var awaiting = incident.Referrals.Where(r => r.Outcome is null).ToList();
        if (awaiting.Count > 0)
            return Decision.Conflict("Referrals are awaiting an outcome",
                "Record the outcome of each referral before closing: " +
                string.Join(", ", awaiting.Select(r => $"{r.Destination} {r.ReferenceNumber} ({r.Id})")) + ".");
        return Decision.Accept(new IncidentClosed(incident.Id, actor.Id, actor.Name, now, string.IsNullOrEmpty(words) ? "" : words,
            request.Rationale!.Trim(), request.LessonsLearnt!.Trim(), incident.Category, incident.Severity, incident.ReportedAt, code));
    }

    public static Decision Reopen(OnlineSafetyIncident incident, ReopenRequest request, Actor actor, DateTimeOffset now)
    {
        if (!incident.IsClosed) return Decision.Conflict("The incident is not closed", "Only a closed incident can be reopened.");
        var errors = new FieldErrors().Required(request.Reason, "reason", "why the incident is reopened.");
        if (errors.Any) return errors.Reject("The incident could not be reopened");
        return Decision.Accept(new IncidentReopened(incident.Id, actor.Id, actor.Name, now, request.Reason!.Trim()));
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/incidents/{id:guid}/close", (Guid id, CloseRequest request, HttpContext http, IDocumentSession session,
                CurrentUser user, TimeProvider clock) =>
                Changes.Apply(http, session, user, clock, id, (i, a, n) => Decide(i, request, a, n)))
            .RequireAuthorization(PlatformPolicies.SafeguardingTeam)
            .WithName("CloseIncident")
            .WithSummary("Close an incident with an outcome code, optional outcome text, rationale and lessons learnt (safeguarding team; If-Match required)")
            .ProducesChangeProblems();

        group.MapPost("/incidents/{id:guid}/reopen", (Guid id, ReopenRequest request, HttpContext http, IDocumentSession session,
                CurrentUser user, TimeProvider clock) =>
                Changes.Apply(http, session, user, clock, id, (i, a, n) => Reopen(i, request, a, n)))
            .RequireAuthorization(PlatformPolicies.SafeguardingTeam)
            .WithName("ReopenIncident")
            .WithSummary("Reopen a closed incident (safeguarding team; If-Match required)")
            .ProducesChangeProblems();
    }
}
