using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Consent.Consents;
using TrustSafety.Consent.ConsentTypes;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Consent.RecordingResponses;

public sealed record RecordResponse(bool? Given, int? WordingVersion, string? RespondentId, string? Relationship, string? Channel,
    string? RespondedOn);

public static class RecordConsentResponse
{
    /// <summary>A guardian's yes or no to a wording version, effective from the day they answered.</summary>
    public static Decision Respond(ConsentType type, PupilConsent? consent, string pupilId, bool given, int? wordingVersion,
        Respondent respondent, DateOnly respondedOn, DateOnly today, AcademicYear schoolYear, Guid responseId, DateTimeOffset now, string by)
    {
        if (respondedOn > today)
            return Decision.Unprocessable("Response dated in the future", "respondedOn must be today or earlier.");
        var version = wordingVersion ?? type.CurrentWording.Version;
        if (type.Wordings.All(w => w.Version != version))
            return Decision.Unprocessable("Unknown wording version",
                $"'{type.Code}' has wording versions 1-{type.CurrentWording.Version}; answer one of them.");
        if (consent?.Latest is { } latest && latest.EffectiveOn > respondedOn)
            return Decision.Conflict("A later answer is already recorded",
                $"The answer recorded for {latest.EffectiveOn:yyyy-MM-dd} is newer; record a withdrawal or a new answer dated today.");
        if (consent?.Latest is { } same && same.Kind == (given ? DecisionKind.Given : DecisionKind.Declined)
            && same.WordingVersion == version && same.EffectiveOn == respondedOn && same.Respondent == respondent)
            return Decision.Nothing;
        return given
            ? Decision.Accept(new ConsentGranted(responseId, pupilId, type.Code, version, respondent, respondedOn,
                type.ValidUntil(respondedOn, schoolYear), now, by))
            : Decision.Accept(new ConsentRefused(responseId, pupilId, type.Code, version, respondent, respondedOn, now, by));
    }

    public static void MapConsentResponses(this RouteGroupBuilder api) =>
        api.MapPost("/pupils/{pupilId}/consents/{type}/responses", RecordAnswer).WithName("RecordConsentResponse").RequireAuthorization(PlatformPolicies.SchoolStaff)
            .WithSummary("Record a guardian's yes or no (an opt-out in opt-out schools is a no; If-Match required, \"0\" for the first answer)")
            .ProducesChangeProblems();

    private static async Task<Results<Ok<PupilConsentView>, ValidationProblem, ProblemHttpResult>> RecordAnswer(string pupilId, string type, RecordResponse body, HttpContext http,
        IDocumentSession session, SchoolCalendar calendar, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var v = new FieldErrors().Require(body.Given is not null, "given", "Give true (consent given) or false (declined / opted out).");
        Respondents.Valid(v, body.RespondentId, body.Relationship, body.Channel);
        var respondedOn = v.Date(body.RespondedOn, "respondedOn");
        if (!v.IsValid) return v.Problem();

        var (consentType, pupil) = await Respondents.Load(session, type, pupilId, ct);
        if (consentType is null) return Rejections.NotFound("Consent type");
        if (pupil is null) return Rejections.NotFound("Pupil");
        return await Change.ApplyOrStart<PupilConsent, PupilConsentView>(http, session, user, clock, StreamIds.PupilConsent(pupilId, type),
            (consent, _, _) => Respond(consentType, consent, pupilId, body.Given!.Value, body.WordingVersion,
                new Respondent(body.RespondentId!, body.Relationship!, body.Channel!), respondedOn ?? calendar.Today, calendar.Today,
                calendar.Year, Guid.CreateVersion7(), calendar.Now, user.Id),
            _ => PupilConsentView.Read(session, consentType, pupilId, calendar, ct));
    }
}
