using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Consent.ConsentTypes;
using TrustSafety.Consent.Roster;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.ServiceDefaults.Http;
using TrustSafety.Platform;

namespace TrustSafety.Consent.Consents;

public sealed record RecordResponse(bool? Given, int? WordingVersion, string? RespondentId, string? Relationship, string? Channel,
    string? RespondedOn);
public sealed record RecordWithdrawal(string? RespondentId, string? Relationship, string? Channel);

public static class RecordingResponses
{
    public static readonly string[] Relationships = ["mother", "father", "parent", "carer", "guardian", "social-worker", "pupil"];
    public static readonly string[] Channels = ["paper", "email", "app", "phone", "in-person", "letter"];

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

    /// <summary>Withdrawal takes effect at once (today). In an opt-out school it is how a guardian opts out.</summary>
    public static Decision Withdraw(ConsentType type, PupilConsent? consent, string pupilId, Respondent respondent, DateOnly today,
        Guid responseId, DateTimeOffset now, string by)
    {
        var latest = consent?.Latest;
        var withdrawable = type.Mode == ConsentMode.OptOut
            ? latest?.Kind is null or DecisionKind.Given
            : latest?.Kind is DecisionKind.Given;
        if (!withdrawable)
            return Decision.Conflict("Nothing to withdraw", type.Mode == ConsentMode.OptOut
                ? "This pupil is already opted out for this type."
                : "No consent is recorded for this pupil and type, so nothing can be withdrawn (it already counts as no).");
        return Decision.Accept(new ConsentRevoked(responseId, pupilId, type.Code, respondent, today, now, by));
    }

    public static void MapResponses(this RouteGroupBuilder api)
    {
        api.MapPost("/pupils/{pupilId}/consents/{type}/responses", RecordAnswer).WithName("RecordConsentResponse").RequireAuthorization(PlatformPolicies.SchoolStaff)
            .WithSummary("Record a guardian's yes or no (an opt-out in opt-out schools is a no; If-Match required, \"0\" for the first answer)")
            .ProducesChangeProblems();
        api.MapPost("/pupils/{pupilId}/consents/{type}/withdrawal", RecordWithdrawalOf).WithName("RecordConsentWithdrawal").RequireAuthorization(PlatformPolicies.SchoolStaff)
            .WithSummary("Record a withdrawal: effective at once (If-Match required)")
            .ProducesChangeProblems();
        api.MapGet("/pupils/{pupilId}/consents", ForPupil).WithName("ListPupilConsents").RequireAuthorization(PlatformPolicies.SchoolStaff)
            .WithSummary("Every consent type for one pupil: the answer today and the history behind it");
    }

    private static FieldErrors ValidRespondent(FieldErrors v, string? id, string? relationship, string? channel) => v
        .Id(id, "respondentId")
        .Require(relationship is not null && Relationships.Contains(relationship), "relationship",
            $"Give one of: {string.Join(", ", Relationships)}.")
        .Require(channel is not null && Channels.Contains(channel), "channel", $"Give one of: {string.Join(", ", Channels)}.");

    private static async Task<Results<Ok<PupilConsentView>, ValidationProblem, ProblemHttpResult>> RecordAnswer(string pupilId, string type, RecordResponse body, HttpContext http,
        IDocumentSession session, SchoolCalendar calendar, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var v = new FieldErrors().Require(body.Given is not null, "given", "Give true (consent given) or false (declined / opted out).");
        ValidRespondent(v, body.RespondentId, body.Relationship, body.Channel);
        var respondedOn = v.Date(body.RespondedOn, "respondedOn");
        if (!v.IsValid) return v.Problem();

        var (consentType, pupil) = await Load(session, type, pupilId, ct);
        if (consentType is null) return Rejections.NotFound("Consent type");
        if (pupil is null) return Rejections.NotFound("Pupil");
        return await Change.ApplyOrStart<PupilConsent, PupilConsentView>(http, session, user, clock, StreamIds.PupilConsent(pupilId, type),
            (consent, _, _) => Respond(consentType, consent, pupilId, body.Given!.Value, body.WordingVersion,
                new Respondent(body.RespondentId!, body.Relationship!, body.Channel!), respondedOn ?? calendar.Today, calendar.Today,
                calendar.Year, Guid.CreateVersion7(), calendar.Now, user.Id),
            _ => Answer(session, consentType, pupilId, calendar, ct));
    }

    private static async Task<Results<Ok<PupilConsentView>, ValidationProblem, ProblemHttpResult>> RecordWithdrawalOf(string pupilId, string type, RecordWithdrawal body, HttpContext http,
        IDocumentSession session, SchoolCalendar calendar, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var v = ValidRespondent(new FieldErrors(), body.RespondentId, body.Relationship, body.Channel);
        if (!v.IsValid) return v.Problem();
        var (consentType, pupil) = await Load(session, type, pupilId, ct);
        if (consentType is null) return Rejections.NotFound("Consent type");
        if (pupil is null) return Rejections.NotFound("Pupil");
        return await Change.ApplyOrStart<PupilConsent, PupilConsentView>(http, session, user, clock, StreamIds.PupilConsent(pupilId, type),
            (consent, _, _) => Withdraw(consentType, consent, pupilId, new Respondent(body.RespondentId!, body.Relationship!, body.Channel!),
                calendar.Today, Guid.CreateVersion7(), calendar.Now, user.Id),
            _ => Answer(session, consentType, pupilId, calendar, ct));
    }

    private static async Task<(ConsentType?, Pupil?)> Load(IQuerySession session, string type, string pupilId, CancellationToken ct) =>
        (await session.LoadAsync<ConsentType>(StreamIds.ConsentType(type), ct), await session.LoadAsync<Pupil>(StreamIds.Pupil(pupilId), ct));

    /// <summary>The pupil's consent of this type as it now stands (its projection is updated with the append).</summary>
    private static async Task<PupilConsentView> Answer(IQuerySession session, ConsentType type, string pupilId, SchoolCalendar calendar,
        CancellationToken ct) =>
        PupilConsentView.Of(type, pupilId, await session.LoadAsync<PupilConsent>(StreamIds.PupilConsent(pupilId, type.Code), ct), calendar.Today);

    private static async Task<Results<Ok<IReadOnlyList<PupilConsentView>>, ProblemHttpResult>> ForPupil(string pupilId, IQuerySession session, SchoolCalendar calendar, CancellationToken ct)
    {
        if (await session.LoadAsync<Pupil>(StreamIds.Pupil(pupilId), ct) is null) return Rejections.NotFound("Pupil");
        var types = await session.Query<ConsentType>().OrderBy(t => t.Code).ToListAsync(ct);
        var consents = (await session.Query<PupilConsent>().Where(c => c.PupilId == pupilId).ToListAsync(ct)).ToDictionary(c => c.TypeCode, StringComparer.Ordinal);
        return TypedResults.Ok<IReadOnlyList<PupilConsentView>>(
            types.Select(t => PupilConsentView.Of(t, pupilId, consents.GetValueOrDefault(t.Code), calendar.Today)).ToList());
    }
}

public sealed record PupilConsentView(string PupilId, string Type, ConsentMode Mode, bool AllowedToday, Verdict Today,
    IReadOnlyList<ConsentDecision> History, DateTimeOffset? LastRequestedAt, long Version)
{
    public static PupilConsentView Of(ConsentType type, string pupilId, PupilConsent? consent, DateOnly today)
    {
        var verdict = ConsentEvaluation.Evaluate(type, consent, today);
        return new(pupilId, type.Code, type.Mode, verdict.Allowed, verdict, consent?.Decisions ?? [], consent?.LastRequestedAt,
            consent?.Version ?? 0);
    }
}
