using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Consent.Consents;
using TrustSafety.Consent.ConsentTypes;
using TrustSafety.Consent.Pupils;
using TrustSafety.Platform;

namespace TrustSafety.Consent.AskingAboutConsent;

/// <summary>Every consent type for one pupil: the answer today, the history, and the version a response or withdrawal sends.</summary>
public static class ListPupilConsents
{
    public static void MapPupilConsents(this RouteGroupBuilder api) =>
        api.MapGet("/pupils/{pupilId}/consents", Handle).WithName("ListPupilConsents").RequireAuthorization(PlatformPolicies.SchoolStaff)
            .WithSummary("Every consent type for one pupil: the answer today and the history behind it");

    private static async Task<Results<Ok<IReadOnlyList<PupilConsentView>>, ProblemHttpResult>> Handle(string pupilId, IQuerySession session, SchoolCalendar calendar, CancellationToken ct)
    {
        if (await session.LoadAsync<Pupil>(StreamIds.Pupil(pupilId), ct) is null) return Rejections.NotFound("Pupil");
        var types = await session.Query<ConsentType>().OrderBy(t => t.Code).ToListAsync(ct);
        var consents = (await session.Query<PupilConsent>().Where(c => c.PupilId == pupilId).ToListAsync(ct)).ToDictionary(c => c.TypeCode, StringComparer.Ordinal);
        return TypedResults.Ok<IReadOnlyList<PupilConsentView>>(
            types.Select(t => PupilConsentView.Of(t, pupilId, consents.GetValueOrDefault(t.Code), calendar.Today)).ToList());
    }
}
