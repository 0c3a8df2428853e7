using Marten;
using TrustSafety.Contracts.Reference;
using TrustSafety.Incident.Http;
using TrustSafety.Incident.Incidents;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Incident.RecordingEvidence;

public sealed record ImageryViewedRequest(string? Reason);

/// <summary>
/// When imagery had to be viewed (UKCIS: only when unavoidable), that is its own fact with the reason, and it names who:
/// the DSL, or the member of the safeguarding team the DSL delegated it to in writing for this incident. Nobody else.
/// </summary>
public static class RecordImageryViewed
{
    public const string WhoMay =
        "UKCIS: only the DSL views imagery, or a member of staff the DSL has delegated it to in writing. The DSL records that " +
        "delegation first: POST /incidents/{id}/imagery-viewing-delegations { delegateId, delegateName, delegateRole, instruction }.";

    public static Decision Decide(OnlineSafetyIncident incident, ImageryViewedRequest request, Actor actor, DateTimeOffset now)
    {
        if (NotAboutImagery(incident) is { } conflict) return conflict;
        var delegation = actor.IsDsl ? null : incident.ImageryDelegations.LastOrDefault(d => d.DelegateId == actor.Id && d.Active);
        if (!actor.IsDsl && delegation is null)
            return Decision.Forbidden("Only the DSL, or whom the DSL delegated in writing, may record viewing imagery", WhoMay);
        var errors = new FieldErrors().Required(request.Reason, "reason",
            "why viewing the imagery was unavoidable (e.g. to decide whether a referral is needed).");
        if (errors.Any) return errors.Reject("The imagery view could not be recorded");
        var role = actor.IsDsl ? PlatformRoles.Dsl : delegation!.DelegateRole;
        return Decision.Accept(new ImageryViewed(incident.Id, actor.Id, actor.Name, now, request.Reason!.Trim(), role, delegation?.Id));
    }

    public static Decision? NotAboutImagery(OnlineSafetyIncident incident) =>
        incident.Category is { } category && !IncidentCategories.ImageryNeverStored.Contains(category)
            ? Decision.Conflict("This incident is not about imagery",
                $"Viewing imagery is recorded only for {string.Join(" or ", IncidentCategories.ImageryNeverStored)} incidents; this one is {category}.")
            : null;

    public static void Map(RouteGroupBuilder group) => group
        .MapPost("/incidents/{id:guid}/imagery-viewed", (Guid id, ImageryViewedRequest request, HttpContext http, IDocumentSession session,
                CurrentUser user, TimeProvider clock) =>
            Changes.Apply(http, session, user, clock, id, (i, a, n) => Decide(i, request, a, n)))
        .RequireAuthorization(PlatformPolicies.SafeguardingTeam)
        .WithName("RecordImageryViewed")
        .WithSummary("Record that you viewed the imagery, with the reason (the DSL, or whom the DSL delegated in writing; If-Match required)")
        .ProducesChangeProblems();
}
