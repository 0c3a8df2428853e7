using Marten;
using TrustSafety.Incident.Http;
using TrustSafety.Incident.Incidents;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.Incident.MakingReferrals;

public sealed record MakeReferralRequest(string? Destination, string? ReferenceNumber, DateOnly? MadeOn, DateOnly? DueOn, string? Rationale);

public sealed record ReferralOutcomeRequest(string? Outcome, DateOnly? ReceivedOn);

/// <summary>Referrals typed by destination, with reference, date, due date and later an outcome.</summary>
public static class MakeReferral
{
    public const string Invalid = "The referral could not be recorded";

    public static Decision Decide(OnlineSafetyIncident incident, MakeReferralRequest request, Actor actor, DateTimeOffset now, Guid referralId)
    {
        if (incident.IsClosed)
            return Decision.Conflict("The incident is closed", "Reopen the incident (POST /incidents/{id}/reopen) before making a referral.");
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var errors = new FieldErrors()
            .OneOf(request.Destination, ReferenceLists.ReferralDestinations, "destination")
            .Required(request.ReferenceNumber, "referenceNumber", "the reference the agency gave (or \"pending\" if none yet).", 100)
            .Required(request.Rationale, "rationale", "why this referral (the threshold met).");
        if (request.MadeOn is null) errors.Add("madeOn", "madeOn is required: the date the referral was made (yyyy-MM-dd).");
        else errors.When(request.MadeOn > today, "madeOn", "madeOn is in the future; record a referral once it is made.");
        if (request.DueOn is null) errors.Add("dueOn", "dueOn is required: when an outcome or response is expected (yyyy-MM-dd).");
        else errors.When(request.MadeOn is not null && request.DueOn < request.MadeOn, "dueOn", "dueOn is before madeOn.");
        if (errors.Any) return errors.Reject(Invalid);
        return Decision.Accept(new ReferralMade(incident.Id, referralId, actor.Id, actor.Name, now, request.Destination!,
            request.ReferenceNumber!.Trim(), request.MadeOn!.Value, request.DueOn!.Value, request.Rationale!.Trim()));
    }

    public static Decision RecordOutcome(OnlineSafetyIncident incident, Guid referralId, ReferralOutcomeRequest request, Actor actor, DateTimeOffset now)
    {
        var referral = incident.Referrals.SingleOrDefault(r => r.Id == referralId);
        if (referral is null)
            return Decision.Invalid("No such referral", new Dictionary<string, string[]>
            {
                ["referralId"] = [$"Incident {incident.Id} has no referral {referralId}; use one of: {string.Join(", ", incident.Referrals.Select(r => r.Id))}."],
            });
        if (referral.Outcome is not null)
            return Decision.Conflict("The referral already has an outcome", $"The outcome \"{referral.Outcome}\" was recorded; a referral has one outcome.");
        var errors = new FieldErrors().Required(request.Outcome, "outcome", "the agency's outcome (e.g. \"no further action\", \"strategy meeting\").");
        if (request.ReceivedOn is null) errors.Add("receivedOn", "receivedOn is required: the date the outcome was received (yyyy-MM-dd).");
        else errors
            .When(request.ReceivedOn > DateOnly.FromDateTime(now.UtcDateTime), "receivedOn", "receivedOn is in the future.")
            .When(request.ReceivedOn < referral.MadeOn, "receivedOn", $"receivedOn is before the referral was made ({referral.MadeOn:yyyy-MM-dd}).");
        if (errors.Any) return errors.Reject("The referral outcome could not be recorded");
        return Decision.Accept(new ReferralOutcomeRecorded(incident.Id, referralId, actor.Id, actor.Name, now, referral.Destination,
            request.Outcome!.Trim(), request.ReceivedOn!.Value));
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/incidents/{id:guid}/referrals", (Guid id, MakeReferralRequest request, HttpContext http, IDocumentSession session,
                CurrentUser user, TimeProvider clock) =>
            {
                var referralId = Guid.CreateVersion7();
                return Changes.Apply(http, session, user, clock, id, (i, a, n) => Decide(i, request, a, n, referralId), _ => referralId);
            })
            .RequireAuthorization(PlatformPolicies.SafeguardingTeam)
            .WithName("MakeReferral")
            .WithSummary("Record a referral (safeguarding team; If-Match required)")
            .ProducesChangeProblems();

        group.MapPost("/incidents/{id:guid}/referrals/{referralId:guid}/outcome", (Guid id, Guid referralId, ReferralOutcomeRequest request,
                HttpContext http, IDocumentSession session, CurrentUser user, TimeProvider clock) =>
                Changes.Apply(http, session, user, clock, id, (i, a, n) => RecordOutcome(i, referralId, request, a, n)))
            .RequireAuthorization(PlatformPolicies.SafeguardingTeam)
            .WithName("RecordReferralOutcome")
            .WithSummary("Record a referral's outcome (safeguarding team; If-Match required)")
            .ProducesChangeProblems();
    }
}
