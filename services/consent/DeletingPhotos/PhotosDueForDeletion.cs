using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Consent.Consents;
using TrustSafety.Consent.ConsentTypes;
using TrustSafety.Consent.Pupils;

namespace TrustSafety.Consent.DeletingPhotos;

public sealed record DueForDeletion(string PupilId, DateOnly LeavingDate, DateOnly DeleteFrom, string Reason, Evidence? RetentionConsent);

public static class PhotosDueForDeletion
{
    public const string NoRetentionConsent = "no-retention-consent";
    public const string RetentionPeriodEnded = "retention-period-ended";

    /// <summary>
    /// Pure: from which day a leaver's photographs must be gone. With retention consent standing they may be
    /// kept <paramref name="years"/> years after leaving; without it, none are kept once the pupil has left.
    /// </summary>
    public static (DateOnly DeleteFrom, string Reason)? DeleteFrom(Pupil pupil, Verdict? retention, int years) =>
        pupil.LeavingDate is not { } left ? null
            : retention?.Allowed == true ? (left.AddYears(years).AddDays(1), RetentionPeriodEnded)
            : (left.AddDays(1), NoRetentionConsent);

    public static void MapRetention(this RouteGroupBuilder api) =>
        api.MapGet("/retention/due", Due).WithName("ListPhotosDueForDeletion").RequireAuthorization(ConsentPolicies.Manage)
            .WithSummary("Leavers whose photographs are due for deletion on a day (on=yyyy-MM-dd, default today)");

    private static async Task<Results<Ok<IReadOnlyList<DueForDeletion>>, ValidationProblem>> Due(string? on, IQuerySession session, SchoolCalendar calendar, CancellationToken ct)
    {
        var v = new FieldErrors();
        var day = v.Date(on, "on") ?? calendar.Today;
        if (!v.IsValid) return v.Problem();
        var leavers = (await session.Query<Pupil>().Where(p => p.LeavingDate != null).ToListAsync(ct)).Where(p => p.LeavingDate < day).ToList();
        var retentionType = await session.LoadAsync<ConsentType>(StreamIds.ConsentType(StandardConsentTypes.PhotoRetention), ct);
        var consents = retentionType is null ? new Dictionary<string, PupilConsent>(StringComparer.Ordinal)
            : (await session.Query<PupilConsent>().Where(c => c.TypeCode == StandardConsentTypes.PhotoRetention).ToListAsync(ct))
                .ToDictionary(c => c.PupilId, StringComparer.Ordinal);
        var due = new List<DueForDeletion>();
        foreach (var pupil in leavers.OrderBy(p => p.LeavingDate).ThenBy(p => p.PupilId, StringComparer.Ordinal))
        {
            var verdict = retentionType is null ? null
                : ConsentEvaluation.Evaluate(retentionType, consents.GetValueOrDefault(pupil.PupilId), day);
            if (DeleteFrom(pupil, verdict, calendar.Options.RetentionYearsAfterLeaving) is { } d && d.DeleteFrom <= day)
                due.Add(new DueForDeletion(pupil.PupilId, pupil.LeavingDate!.Value, d.DeleteFrom, d.Reason, verdict?.Evidence));
        }
        return TypedResults.Ok<IReadOnlyList<DueForDeletion>>(due);
    }
}
