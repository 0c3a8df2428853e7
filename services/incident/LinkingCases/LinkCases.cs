using TrustSafety.Incident.Http;

namespace TrustSafety.Incident.LinkingCases;

public sealed record CaseLinkRequest(string? SchoolUrn, string? SharedSummary, string? Purpose, string? LawfulBasis);

public sealed record CaseLinkAcceptRequest(Guid? IncidentId, string? SharedSummary, string? Rationale);

public sealed record CaseLinkDeclineRequest(string? Rationale);

/// <summary>
/// Issue 15 point 7, pure: a DSL asks another school of the trust to link a case; that school's DSL accepts or declines.
/// Either school is told 404 about a link it is not part of (the caller never learns it exists).
/// </summary>
public static class LinkCases
{
    public static Decision Request(string fromSchool, Guid fromIncidentId, CaseLinkRequest r, IReadOnlyDictionary<string, string> trustSchools,
        bool alreadyOpen, Actor actor, DateTimeOffset now, Guid linkId)
    {
        var errors = new FieldErrors()
            .Required(r.SchoolUrn, "schoolUrn", $"the DfE URN of the other school of the trust; one of: {string.Join(", ", trustSchools.Keys.Where(k => k != fromSchool).Order(StringComparer.Ordinal))}.", 20)
            .When(r.SchoolUrn is { } urn && !string.IsNullOrWhiteSpace(urn) && !trustSchools.ContainsKey(urn.Trim()), "schoolUrn",
                $"'{r.SchoolUrn}' is not a school of the trust; cases are linked only inside the trust.")
            .When(r.SchoolUrn?.Trim() == fromSchool, "schoolUrn", "that is your own school; link with another school of the trust.")
            .Required(r.SharedSummary, "sharedSummary",
                "what you share with the other school's DSL: a summary, no more than they need (it is all they will see of your record).", 4000)
            .Required(r.Purpose, "purpose", "why they need it (e.g. \"pupils of both schools are involved; we need to agree support and sanctions\").", 2000)
            .Required(r.LawfulBasis, "lawfulBasis", "the basis for sharing (e.g. \"KCSIE / Working Together 2023: safeguarding; UK GDPR 6(1)(e), 9(2)(g)\").", 500);
        if (errors.Any) return errors.Reject("The link could not be requested");
        if (alreadyOpen)
            return Decision.Conflict("A link with that school is already open for this incident",
                "Open it from the incident's linked cases; a declined link can be asked again.");
        return Decision.Accept(new CaseLinkRequested(linkId, fromSchool, fromIncidentId, r.SchoolUrn!.Trim(), actor.Id, actor.Name, now,
            r.SharedSummary!.Trim(), r.Purpose!.Trim(), r.LawfulBasis!.Trim()));
    }

    public static Decision Accept(CaseLink link, string school, CaseLinkAcceptRequest r, bool incidentFound, Actor actor, DateTimeOffset now)
    {
        if (Answerable(link, school) is { } refusal) return refusal;
        var errors = new FieldErrors()
            .Required(r.Rationale, "rationale", "why you accept (your information-sharing decision).", 2000)
            .When(r.SharedSummary?.Length > 4000, "sharedSummary", "sharedSummary must be at most 4000 characters.")
            .When(r.IncidentId is not null && !incidentFound, "incidentId",
                "there is no incident with that id in your school; give your own school's incident, or leave it out.");
        if (errors.Any) return errors.Reject("The link could not be accepted");
        return Decision.Accept(new CaseLinkAccepted(link.Id, school, actor.Id, actor.Name, now, r.IncidentId,
            string.IsNullOrWhiteSpace(r.SharedSummary) ? null : r.SharedSummary.Trim(), r.Rationale!.Trim()));
    }

    public static Decision Decline(CaseLink link, string school, CaseLinkDeclineRequest r, Actor actor, DateTimeOffset now)
    {
        if (Answerable(link, school) is { } refusal) return refusal;
        var errors = new FieldErrors().Required(r.Rationale, "rationale", "why you decline (it is recorded and the other DSL sees it).", 2000);
        if (errors.Any) return errors.Reject("The link could not be declined");
        return Decision.Accept(new CaseLinkDeclined(link.Id, school, actor.Id, actor.Name, now, r.Rationale!.Trim()));
    }

    private static Decision? Answerable(CaseLink link, string school)
    {
        if (link.ToSchool != school)
            return Decision.Forbidden("Only the asked school's DSL answers a link request",
                "You asked for this link; the other school's DSL accepts or declines it.");
        if (link.Status != CaseLinkStatus.Requested)
            return Decision.Conflict($"The link is already {link.Status}",
                $"{link.DecidedByName} answered it on {link.DecidedAt:yyyy-MM-dd}; ask for a new link if the situation changed.");
        return null;
    }
}
