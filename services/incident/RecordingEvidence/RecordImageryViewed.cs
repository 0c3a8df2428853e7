using Marten;
using TrustSafety.Contracts.Reference;
using TrustSafety.Incident.Http;
using TrustSafety.Incident.Incidents;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.Incident.RecordingEvidence;

public sealed record ImageryViewedRequest(string? Reason);

/// <summary>When a DSL had to view imagery (UKCIS: only when unavoidable), that is its own fact with the reason.</summary>
public static class RecordImageryViewed
{
    public static Decision Decide(OnlineSafetyIncident incident, ImageryViewedRequest request, Actor actor, DateTimeOffset now)
    {
        if (incident.Category is { } category && !IncidentCategories.ImageryNeverStored.Contains(category))
            return Decision.Conflict("This incident is not about imagery",
                $"Viewing imagery is recorded only for {string.Join(" or ", IncidentCategories.ImageryNeverStored)} incidents; this one is {category}.");
        var errors = new FieldErrors().Required(request.Reason, "reason",
            "why viewing the imagery was unavoidable (e.g. to decide whether a referral is needed).");
        if (errors.Any) return errors.Reject("The imagery view could not be recorded");
        return Decision.Accept(new ImageryViewed(incident.Id, actor.Id, actor.Name, now, request.Reason!.Trim()));
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapPost("/incidents/{id:guid}/imagery-viewed", (Guid id, ImageryViewedRequest request, HttpContext http, IDocumentSession session,
                CurrentUser user, TimeProvider clock) =>
            Changes.Apply(http, session, user, clock, id, (i, a, n) => Decide(i, request, a, n)))
        .RequireAuthorization(PlatformPolicies.SafeguardingTeam)
        .WithName("RecordImageryViewed")
        .WithSummary("Record that the DSL viewed the imagery, with the reason (safeguarding team; If-Match required)")
        .ProducesChangeProblems();
}
