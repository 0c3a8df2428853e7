using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Consent.Consents;
using TrustSafety.Consent.ConsentTypes;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Consent.WithdrawingConsent;

public sealed record RecordWithdrawal(string? RespondentId, string? Relationship, string? Channel);

public static class WithdrawConsent
{
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

    public static void MapConsentWithdrawal(this RouteGroupBuilder api) =>
        api.MapPost("/pupils/{pupilId}/consents/{type}/withdrawal", RecordWithdrawalOf).WithName("RecordConsentWithdrawal").RequireAuthorization(PlatformPolicies.SchoolStaff)
            .WithSummary("Record a withdrawal: effective at once (If-Match required)")
            .ProducesChangeProblems();

    private static async Task<Results<Ok<PupilConsentView>, ValidationProblem, ProblemHttpResult>> RecordWithdrawalOf(string pupilId, string type, RecordWithdrawal body, HttpContext http,
        IDocumentSession session, SchoolCalendar calendar, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var v = Respondents.Valid(new FieldErrors(), body.RespondentId, body.Relationship, body.Channel);
        if (!v.IsValid) return v.Problem();
        var (consentType, pupil) = await Respondents.Load(session, type, pupilId, ct);
        if (consentType is null) return Rejections.NotFound("Consent type");
        if (pupil is null) return Rejections.NotFound("Pupil");
        return await Change.ApplyOrStart<PupilConsent, PupilConsentView>(http, session, user, clock, StreamIds.PupilConsent(pupilId, type),
            (consent, _, _) => Withdraw(consentType, consent, pupilId, new Respondent(body.RespondentId!, body.Relationship!, body.Channel!),
                calendar.Today, Guid.CreateVersion7(), calendar.Now, user.Id),
            _ => PupilConsentView.Read(session, consentType, pupilId, calendar, ct));
    }
}
