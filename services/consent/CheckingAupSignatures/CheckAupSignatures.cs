using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Consent.Aups;
using TrustSafety.Consent.Pupils;
using TrustSafety.Contracts.Consent;
using TrustSafety.Platform;

namespace TrustSafety.Consent.CheckingAupSignatures;

/// <summary>Where a person stands with an audience's AUP on a day, and who has not signed its current version.</summary>
public static class CheckAupSignatures
{
    public static void MapAupSignatureChecks(this RouteGroupBuilder api)
    {
        api.MapGet("/aups/{audience}/signatures/{personId}", StatusOf).WithName("GetAupSignatureStatus").RequireAuthorization(PlatformPolicies.SchoolStaff);
        api.MapGet("/aups/{audience}/unsigned", Unsigned).WithName("ListAupUnsigned").RequireAuthorization(PlatformPolicies.SchoolStaff)
            .WithSummary("Who has not signed the current version (with whether an older signature still counts)");
    }

    private static async Task<Results<Ok<SignatureStatus>, ValidationProblem, ProblemHttpResult>> StatusOf(string audience, string personId, string? on, IQuerySession session, SchoolCalendar calendar,
        CancellationToken ct)
    {
        var v = AupRules.ValidAudience(audience);
        var day = v.Date(on, "on") ?? calendar.Today;
        if (!v.IsValid) return v.Problem();
        var policy = await session.LoadAsync<AcceptableUsePolicy>(StreamIds.Aup(audience), ct);
        if (policy is null) return Rejections.NotFound("AUP");
        var signatory = await session.LoadAsync<AupSignatory>(StreamIds.AupSignatory(audience, personId), ct);
        return TypedResults.Ok(AupRules.Status(policy, signatory, personId, day));
    }

    private static async Task<Results<Ok<IReadOnlyList<SignatureStatus>>, ValidationProblem, ProblemHttpResult>> Unsigned(string audience, string? on, IQuerySession session, SchoolCalendar calendar, CancellationToken ct)
    {
        var v = AupRules.ValidAudience(audience);
        var day = v.Date(on, "on") ?? calendar.Today;
        if (!v.IsValid) return v.Problem();
        var policy = await session.LoadAsync<AcceptableUsePolicy>(StreamIds.Aup(audience), ct);
        if (policy is null) return Rejections.NotFound("AUP");
        var people = audience == AupAudiences.Pupil
            ? (await session.Query<Pupil>().ToListAsync(ct)).Where(p => p.OnRoll(day)).Select(p => p.PupilId).ToList()
            : (await session.Query<AupPerson>().Where(p => p.Audience == audience && p.Active).ToListAsync(ct)).Select(p => p.PersonId).ToList();
        var signatories = (await session.Query<AupSignatory>().Where(s => s.Audience == audience).ToListAsync(ct))
            .ToDictionary(s => s.PersonId, StringComparer.Ordinal);
        return TypedResults.Ok<IReadOnlyList<SignatureStatus>>(people.Order(StringComparer.Ordinal)
            .Select(id => AupRules.Status(policy, signatories.GetValueOrDefault(id), id, day))
            .Where(s => s.State != SignatureState.Current).ToList());
    }
}
