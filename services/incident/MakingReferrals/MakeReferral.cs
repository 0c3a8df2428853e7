using Marten;
using TrustSafety.Contracts.Reference;
using TrustSafety.Incident.Http;
using TrustSafety.Incident.Incidents;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Incident.MakingReferrals;

public sealed record MakeReferralRequest(string? Destination, string? ReferenceNumber, DateOnly? MadeOn, DateOnly? DueOn, string? Rationale);

/// <summary>
/// OutcomeCode: one of contracts' ReferralOutcomes (what other services learn); Outcome: optional words, sealed here. An
/// Outcome that is itself a code (older clients) counts as the code.
/// </summary>
public sealed record ReferralOutcomeRequest(string? Outcome, DateOnly? ReceivedOn, string? OutcomeCode = null);

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
            return Decision.Invalid("No such referral", new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["referralId"] = [$"Incident {incident.Id} has no referral {referralId}; use one of: {string.Join(", ", incident.Referrals.Select(r => r.Id))}."],
            });
        if (referral.Outcome is not null)
            return Decision.Conflict("The referral already has an outcome",
                $"The outcome ({referral.OutcomeCode ?? "recorded before outcome codes"}) was recorded on {referral.OutcomeReceivedOn:yyyy-MM-dd}; a referral has one outcome.");
        var legacyCode = request.OutcomeCode is null && request.Outcome is { } o && ReferralOutcomes.All.Contains(o.Trim(), global::System.StringComparer.Ordinal) ? o.Trim() : null;
        var code = request.OutcomeCode ?? legacyCode;
        var words = legacyCode is null && !string.IsNullOrWhiteSpace(request.Outcome) ? request.Outcome.Trim() : null;
        var errors = new FieldErrors()
            .OneOf(code, ReferralOutcomes.All, "outcomeCode")
            .When(words?.Length > 2000, "outcome", "outcome (the agency's words, kept sealed) must be at most 2000 characters.");
        if (request.ReceivedOn is null) errors.Add("receivedOn", "receivedOn is required: the date the outcome was received (yyyy-MM-dd).");
        else errors
            .When(request.ReceivedOn > DateOnly.FromDateTime(now.UtcDateTime), "receivedOn", "receivedOn is in the future.")
            .When(request.ReceivedOn < referral.MadeOn, "receivedOn", $"receivedOn is before the referral was made ({referral.MadeOn:yyyy-MM-dd}).");
        if (errors.Any) return errors.Reject("The referral outcome could not be recorded");
        return Decision.Accept(new ReferralOutcomeRecorded(incident.Id, referralId, actor.Id, actor.Name, now, referral.Destination,
            words ?? "", request.ReceivedOn!.Value, code));
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
