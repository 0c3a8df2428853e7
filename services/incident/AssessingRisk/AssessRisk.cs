using Marten;
using TrustSafety.Incident.Http;
using TrustSafety.Incident.Incidents;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Incident.AssessingRisk;

/// <summary>
/// The UKCIS initial review, answered one by one (null = not answered), the other agencies checked, the decision and why.
/// </summary>
public sealed record RiskAssessmentRequest(
    string? Ages, bool? AdultInvolved, bool? CoercionOrBlackmail, bool? ExtremeOrViolentActs, bool? UnderThirteen, bool? ImmediateRisk,
    bool? Vulnerable, string? Vulnerability, bool? SharedFurther, string? FurtherSharing, string? AgenciesChecked, string? Decision,
    string? Rationale);

public sealed record ImmediateDangerRequest(bool? EmergencyServicesCalled, string? Rationale);

public static class RiskDecisions
{
    public const string ReferPoliceAndSocialCare = "refer-police-and-social-care";
    public const string ReferSocialCare = "refer-childrens-social-care";
    public const string ReferPolice = "refer-police";
    public const string ManageInSchool = "manage-in-school";

    public static readonly IReadOnlyList<string> All = [ReferPoliceAndSocialCare, ReferSocialCare, ReferPolice, ManageInSchool];
}

/// <summary>Issue 15 point 3: UKCIS risk assessments and the immediate-danger flag. Pure deciders.</summary>
public static class AssessRisk
{
    /// <summary>Cases UKCIS (nudes and semi-nudes) and KCSIE (exploitation) ask a risk assessment for.</summary>
    public static readonly IReadOnlySet<string> Categories =
        new HashSet<string>(StringComparer.Ordinal) { "nudes-semi-nudes", "indecent-images-of-children", "grooming-exploitation" };

    public const string EmergencyPrompt =
        "A child may be in immediate danger: call 999 now if you have not, then refer to the police and children's social care (MASH). " +
        "Do not wait for the risk assessment.";

    public static Decision Assess(OnlineSafetyIncident incident, RiskAssessmentRequest r, Actor actor, DateTimeOffset now, Guid assessmentId)
    {
        if (incident.IsClosed)
            return Decision.Conflict("The incident is closed", "Reopen the incident (POST /incidents/{id}/reopen) before recording an assessment.");
        if (incident.Category is not { } category || !Categories.Contains(category))
            return Decision.Conflict("A UKCIS risk assessment is for nudes/semi-nudes and exploitation cases",
                $"This incident's category is {(incident.Category is null ? "not set" : $"'{incident.Category}'")}; a risk assessment is recorded " +
                $"for {string.Join(", ", Categories.Order(StringComparer.Ordinal))}. Triage it under one of those first if that is what it is.");
        var errors = new FieldErrors()
            .Required(r.Ages, "ages", "the ages of the children involved (e.g. \"13 and 14\").", 200)
            .When(r.AdultInvolved is null, "adultInvolved", "adultInvolved is required: is an adult involved? (true/false)")
            .When(r.CoercionOrBlackmail is null, "coercionOrBlackmail", "coercionOrBlackmail is required: is there coercion, blackmail or grooming? (true/false)")
            .When(r.ExtremeOrViolentActs is null, "extremeOrViolentActs", "extremeOrViolentActs is required: does the imagery show acts unusual for the child's development, or violence? (true/false)")
            .When(r.UnderThirteen is null, "underThirteen", "underThirteen is required: is any child in the imagery under 13? (true/false)")
            .When(r.ImmediateRisk is null, "immediateRisk", "immediateRisk is required: is any child at immediate risk of harm, e.g. presenting as suicidal? (true/false)")
            .When(r.Vulnerable is null, "vulnerable", "vulnerable is required: are any of the children vulnerable (SEND, looked after, known to social care)? (true/false)")
            .When(r.SharedFurther is null, "sharedFurther", "sharedFurther is required: has the imagery been shared beyond its intended recipient? (true/false)")
            .Required(r.AgenciesChecked, "agenciesChecked", "which other agencies were checked and what they hold (e.g. \"MASH: not known; police: no record\").")
            .OneOf(r.Decision, RiskDecisions.All, "decision")
            .Required(r.Rationale, "rationale", "why this decision, in the DSL's words.");
        if (r.Vulnerable == true) errors.Required(r.Vulnerability, "vulnerability", "how the child is vulnerable (it is sealed).", 2000);
        if (r.SharedFurther == true) errors.Required(r.FurtherSharing, "furtherSharing", "how far it was shared: with whom, on which platforms.", 2000);
        var mustRefer = r.AdultInvolved == true || r.CoercionOrBlackmail == true || r.ExtremeOrViolentActs == true || r.UnderThirteen == true
            || r.ImmediateRisk == true;
        if (mustRefer && r.Decision == RiskDecisions.ManageInSchool)
            errors.Add("decision", "UKCIS: an adult involved, coercion or blackmail, extreme or violent acts, a child under 13 or immediate risk " +
                "means an immediate referral to the police and/or children's social care; manage-in-school is not open.");
        if (errors.Any) return errors.Reject("The risk assessment could not be recorded");
        var version = incident.RiskAssessments.Count + 1;
        return Decision.Accept(new RiskAssessmentRecorded(incident.Id, assessmentId, version, actor.Id, actor.Name, now, r.Ages!.Trim(),
            r.AdultInvolved!.Value, r.CoercionOrBlackmail!.Value, r.ExtremeOrViolentActs!.Value, r.UnderThirteen!.Value, r.ImmediateRisk!.Value,
            r.Vulnerable!.Value, r.Vulnerable == true ? r.Vulnerability!.Trim() : "", r.SharedFurther!.Value,
            r.SharedFurther == true ? r.FurtherSharing!.Trim() : "", r.AgenciesChecked!.Trim(), r.Decision!, r.Rationale!.Trim()));
    }

    public static Decision FlagImmediateDanger(OnlineSafetyIncident incident, ImmediateDangerRequest r, Actor actor, DateTimeOffset now, Guid flagId)
    {
        if (incident.IsClosed)
            return Decision.Conflict("The incident is closed",
                "Call 999 if a child is in danger now. Reopen the incident (POST /incidents/{id}/reopen) to record it.");
        if (incident.ImmediateDanger is { } flagged)
            return Decision.Conflict("Immediate danger is already flagged",
                $"{flagged.ByName} flagged it at {flagged.At:yyyy-MM-dd HH:mm} UTC. {EmergencyPrompt}");
        var errors = new FieldErrors()
            .When(r.EmergencyServicesCalled is null, "emergencyServicesCalled", "emergencyServicesCalled is required: were 999 / the police called? (true/false)")
            .Required(r.Rationale, "rationale", "why the child is in immediate danger (it is sealed).");
        if (errors.Any) return errors.Reject("Immediate danger could not be recorded");
        return Decision.Accept(new ImmediateDangerFlagged(incident.Id, flagId, actor.Id, actor.Name, now, r.EmergencyServicesCalled!.Value,
            r.Rationale!.Trim(), incident.AllegationAgainstStaff));
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/incidents/{id:guid}/risk-assessments", (Guid id, RiskAssessmentRequest request, HttpContext http, IDocumentSession session,
                CurrentUser user, TimeProvider clock) =>
            {
                var assessmentId = Guid.CreateVersion7();
                return Changes.Apply(http, session, user, clock, id, (i, a, n) => Assess(i, request, a, n, assessmentId), _ => assessmentId);
            })
            .RequireAuthorization(PlatformPolicies.SafeguardingTeam)
            .WithName("RecordRiskAssessment")
            .WithSummary("Record a UKCIS risk assessment (a new version; nudes/semi-nudes and exploitation cases; safeguarding team; If-Match required)")
            .ProducesChangeProblems();

        group.MapPost("/incidents/{id:guid}/immediate-danger", (Guid id, ImmediateDangerRequest request, HttpContext http, IDocumentSession session,
                CurrentUser user, TimeProvider clock) =>
            {
                var flagId = Guid.CreateVersion7();
                return Changes.Apply(http, session, user, clock, id, (i, a, n) => FlagImmediateDanger(i, request, a, n, flagId), _ => flagId);
            })
            .RequireAuthorization(PlatformPolicies.SafeguardingTeam)
            .WithName("FlagImmediateDanger")
            .WithSummary("Flag that a child is in immediate danger: prompts 999 / police, urgent notification (safeguarding team; If-Match required)")
            .ProducesChangeProblems();
    }
}
