using TrustSafety.Incident.Incidents;

namespace TrustSafety.Incident.RoutingIncidents;

/// <summary>What a triage says, as the route rules read it.</summary>
public sealed record TriageFacts(bool Illegal, string Category, string FourC, int Severity, IReadOnlyList<string> PersonRoles);

/// <summary>A step an incident's route asks for (stored with the triage): required or suggested, and the rules that raised it.</summary>
public sealed record RouteStep(string Step, string Level, IReadOnlyList<string> Rules);

/// <summary>
/// A route step as the incident shows it. State: open, done (SatisfiedBy referral or action, RecordId its id) or declined
/// (a recorded decision not to take it, with its rationale).
/// </summary>
public sealed record RouteStepState(
    string Step, string Label, string Level, IReadOnlyList<string> Rules, string State, string? SatisfiedBy, Guid? RecordId,
    string? By, DateTimeOffset? At, string? Rationale);

/// <summary>The route an incident's triage gave it, under the rules version it was triaged under.</summary>
public sealed record RouteView(int? RulesVersion, IReadOnlyList<RouteStepState> Steps)
{
    public IReadOnlyList<RouteStepState> OpenRequired => Steps.Where(s => s.Level == RouteLevels.Required && s.State == RouteStates.Open).ToList();
}

public static class RouteStates
{
    public const string Open = "open";
    public const string Done = "done";
    public const string Declined = "declined";
}

/// <summary>Pure: the steps a triage calls for under a set of rules, and how far an incident has come along them.</summary>
public static class RouteEvaluation
{
    public static bool Applies(RouteCondition when, TriageFacts facts) =>
        (when.Illegal is null || when.Illegal == facts.Illegal)
        && (when.Categories is not { Count: > 0 } || when.Categories.Contains(facts.Category, StringComparer.Ordinal))
        && (when.FourC is not { Count: > 0 } || when.FourC.Contains(facts.FourC, StringComparer.Ordinal))
        && (when.MinSeverity is null || facts.Severity >= when.MinSeverity)
        && (when.PersonRoles is not { Count: > 0 } || when.PersonRoles.Any(facts.PersonRoles.Contains));

    /// <summary>Every step any applying rule raises, once, in the catalogue's order; required wins over suggested.</summary>
    public static IReadOnlyList<RouteStep> Evaluate(IReadOnlyList<RouteRule> rules, TriageFacts facts)
    {
        var applying = rules.Where(r => Applies(r.When, facts)).ToList();
        return RouteStepKinds.Codes
            .Select(step => (step,
                required: applying.Where(r => r.Required.Contains(step, StringComparer.Ordinal)).Select(r => r.Id).ToList(),
                suggested: applying.Where(r => r.Suggested.Contains(step, StringComparer.Ordinal)).Select(r => r.Id).ToList()))
            .Where(s => s.required.Count + s.suggested.Count > 0)
            .Select(s => s.required.Count > 0
                ? new RouteStep(s.step, RouteLevels.Required, s.required)
                : new RouteStep(s.step, RouteLevels.Suggested, s.suggested))
            .ToList();
    }

    public static TriageFacts FactsOf(OnlineSafetyIncident incident, bool illegal, string category, string fourC, int severity) =>
        new(illegal, category, fourC, severity, incident.People.Select(p => p.Role).Distinct(StringComparer.Ordinal).ToList());

    /// <summary>
    /// Each step of the incident's route with its state. A referral to the step's destination (made at any time, before
    /// or after triage) or an action of its kind does it; else a recorded decision not to declines it.
    /// </summary>
    public static RouteView Progress(OnlineSafetyIncident incident) => new(incident.RouteRulesVersion, incident.RouteSteps.Select(s =>
    {
        var kind = RouteStepKinds.Of(s.Step);
        if (kind.ReferralDestination is { } destination && incident.Referrals.FirstOrDefault(r => r.Destination == destination) is { } referral)
            return new RouteStepState(s.Step, kind.Label, s.Level, s.Rules, RouteStates.Done, "referral", referral.Id, referral.ByName, referral.At, null);
        if (kind.ActionKind is { } actionKind && incident.Actions.FirstOrDefault(a => a.Kind == actionKind) is { } action)
            return new RouteStepState(s.Step, kind.Label, s.Level, s.Rules, RouteStates.Done, "action", action.Id, action.ByName, action.At, null);
        if (incident.RouteDecisions.LastOrDefault(d => d.Step == s.Step) is { } declined)
            return new RouteStepState(s.Step, kind.Label, s.Level, s.Rules, RouteStates.Declined, "decision", declined.Id, declined.ByName,
                declined.At, declined.Rationale);
        return new RouteStepState(s.Step, kind.Label, s.Level, s.Rules, RouteStates.Open, null, null, null, null, null);
    }).ToList());
}
