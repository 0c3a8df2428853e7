namespace TrustSafety.Reporting.Standards;

/// <summary>What deciding an unblock request comes to: the events to append, or why nothing changes.</summary>
public abstract record UnblockDecision
{
    /// <summary>The decision and, for an unblock, its entry in the block/allow log.</summary>
    public sealed record Accepted(IReadOnlyList<object> Events) : UnblockDecision;
    /// <summary>400: each bad field named with its fix.</summary>
    public sealed record Invalid(Dictionary<string, string[]> Errors) : UnblockDecision;
    /// <summary>404: the school has no such request.</summary>
    public sealed record NotFound(string Detail) : UnblockDecision;
    /// <summary>409: the request was already answered.</summary>
    public sealed record AlreadyDecided(string Detail) : UnblockDecision;
}

/// <summary>
/// Deciding a member of staff's unblock request, as a pure function of the school's standards evidence: unblocked (until a
/// date, or for good) or kept blocked, with the reason the person who asked is told. An unblock also enters the
/// block/allow log naming who asked, who approved, why and until when.
/// </summary>
public static class UnblockRequestDecider
{
    public static UnblockDecision Decide(FilteringStandardsEvidence evidence, Guid requestId, DecideUnblockRequest command, string decidedBy,
        DateTimeOffset now, Guid decisionId)
    {
        var errors = StandardsDecisions.Check(command, DateOnly.FromDateTime(now.UtcDateTime));
        if (errors.Count > 0) return new UnblockDecision.Invalid(errors);
        var asked = evidence.UnblockRequests.FirstOrDefault(r => r.Id == requestId);
        if (asked is null) return new UnblockDecision.NotFound("There is no such unblock request in your school.");
        if (asked.DecidedAt is not null)
            return new UnblockDecision.AlreadyDecided(
                $"This request was already decided ({asked.Outcome?.Replace('-', ' ')}) by {asked.DecidedBy}; record a new block or allow decision to change it.");
        var reason = command.Reason!.Trim();
        var decided = new UnblockRequestDecided(evidence.SchoolUrn, requestId, command.Outcome!, reason, command.Until, decidedBy, now);
        return new UnblockDecision.Accepted(decided.Outcome == UnblockOutcomes.Unblocked
            ? [decided, new FilteringDecisionRecorded(evidence.SchoolUrn, decisionId, "allow", asked.Site, reason,
                DateOnly.FromDateTime(now.UtcDateTime), decidedBy, now, asked.RequestedBy, decidedBy, command.Until, requestId)]
            : [decided]);
    }
}
