using TrustSafety.EventSourcing;
using TrustSafety.Reporting.Standards;

namespace TrustSafety.Reporting.RequestingUnblock;

/// <summary>
/// Deciding a member of staff's unblock request, as a pure function of the school's standards evidence: unblocked (until a
/// date, or for good) or kept blocked, with the reason the person who asked is told. An unblock also enters the
/// block/allow log naming who asked, who approved, why and until when.
/// </summary>
public static class UnblockRequestDecider
{
    /// <summary>A member of staff asks for a site to be unblocked: a new request on the school's evidence, depending on nothing read.</summary>
    public static Decision Request(Guid evidenceStream, string schoolUrn, Guid requestId, RequestUnblock command, Actor actor, DateTimeOffset now) =>
        Decision.Nothing.AlsoOn(evidenceStream,
            new UnblockRequested(schoolUrn, requestId, command.Site!.Trim(), command.Reason!.Trim(), actor.Name, now, actor.Id));

    public static Decision Decide(FilteringStandardsEvidence evidence, Guid requestId, DecideUnblockRequest command, string decidedBy,
        DateTimeOffset now, Guid decisionId)
    {
        var errors = UnblockRequestChecks.Check(command, DateOnly.FromDateTime(now.UtcDateTime));
        if (errors.Count > 0) return Decision.Invalid("The decision could not be recorded", errors);
        var asked = evidence.UnblockRequests.FirstOrDefault(r => r.Id == requestId);
        if (asked is null) return Decision.NotFound("Unblock request not found", "There is no such unblock request in your school.");
        if (asked.DecidedAt is not null)
            return Decision.Conflict("The request is already decided",
                $"This request was already decided ({asked.Outcome?.Replace('-', ' ')}) by {asked.DecidedBy}; record a new block or allow decision to change it.");
        var reason = command.Reason!.Trim();
        var decided = new UnblockRequestDecided(evidence.SchoolUrn, requestId, command.Outcome!, reason, command.Until, decidedBy, now);
        return Decision.Accept(decided.Outcome == UnblockOutcomes.Unblocked
            ? [decided, new FilteringDecisionRecorded(evidence.SchoolUrn, decisionId, "allow", asked.Site, reason,
                DateOnly.FromDateTime(now.UtcDateTime), decidedBy, now, asked.RequestedBy, decidedBy, command.Until, requestId)]
            : [decided]);
    }
}
