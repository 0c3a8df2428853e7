using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Consent.Consents;
using TrustSafety.Consent.ConsentTypes;
using TrustSafety.Consent.Pupils;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Consent.AskingAboutConsent;

/// <summary>NameUse for online types: never a full name; a first name only with the first-name consent.</summary>
public sealed record MayPublishAnswer(string PupilId, string Type, DateOnly On, bool MayPublish, string Basis, string Explanation,
    Evidence? Evidence, string? NameUse);
public sealed record DoNotPhotographEntry(string PupilId, IReadOnlyList<string> NotFor);
public sealed record DoNotPhotographList(string ClassName, DateOnly On, IReadOnlyList<string> TypesChecked,
    IReadOnlyList<DoNotPhotographEntry> Pupils);
public sealed record YearGroupCoverage(int YearGroup, int Pupils, int Allowed, int NotAllowed, int NoResponse, double AllowedPercent);
public sealed record TypeCoverage(string Type, ConsentMode Mode, DateOnly On, IReadOnlyList<YearGroupCoverage> YearGroups);
public sealed record OptOutEntry(string PupilId, string ClassName, int YearGroup, Evidence? Evidence);

public static class AskAboutConsent
{
    public const string NoName = "no-name";
    public const string FirstNameOnly = "first-name-only";

    /// <summary>Pure: the name a caption may carry, given the first-name consent's verdict.</summary>
    public static string? NameUse(ConsentType type, Verdict verdict, Verdict? firstName) =>
        !type.Online || !verdict.Allowed ? null : firstName?.Allowed == true ? FirstNameOnly : NoName;

    /// <summary>Pure: the photographic types a pupil must not be photographed or published for on the day.</summary>
    public static IReadOnlyList<string> NotFor(IEnumerable<ConsentType> photographic, IReadOnlyDictionary<string, PupilConsent> consents,
        DateOnly day) =>
        photographic.Where(t => !ConsentEvaluation.Evaluate(t, consents.GetValueOrDefault(t.Code), day).Allowed)
            .Select(t => t.Code).Order(StringComparer.Ordinal).ToList();

    public static void MapQuestions(this RouteGroupBuilder api)
    {
        api.MapGet("/pupils/{pupilId}/may-publish", MayPublish).WithName("MayPublishPupil").RequireAuthorization(PlatformPolicies.SchoolStaff)
            .WithSummary("May I use this pupil's image this way on this day? Yes/no with the evidence (type, on=yyyy-MM-dd default today)");
        api.MapGet("/classes/{className}/do-not-photograph", DoNotPhotograph).WithName("ListDoNotPhotograph").RequireAuthorization(PlatformPolicies.SchoolStaff)
            .WithSummary("Pupils of a class who must not be photographed / published, per photographic type, on a day");
        api.MapGet("/coverage", Coverage).WithName("GetConsentCoverage").RequireAuthorization(PlatformPolicies.SchoolStaff)
            .WithSummary("Per consent type and year group: how many pupils on roll are covered on a day");
        api.MapGet("/consent-types/{code}/opt-outs", OptOuts).WithName("ListConsentOptOuts").RequireAuthorization(PlatformPolicies.SchoolStaff)
            .WithSummary("Pupils whose guardians opted out (declined or withdrew) for a type");
    }

    private static async Task<Results<Ok<MayPublishAnswer>, ValidationProblem, ProblemHttpResult>> MayPublish(string pupilId, string? type, string? on, IQuerySession session, SchoolCalendar calendar,
        CancellationToken ct)
    {
        var v = new FieldErrors().Code(type, "type");
        var day = v.Date(on, "on") ?? calendar.Today;
        if (!v.IsValid) return v.Problem();
        var consentType = await session.LoadAsync<ConsentType>(StreamIds.ConsentType(type!), ct);
        if (consentType is null) return Rejections.NotFound("Consent type");
        if (await session.LoadAsync<Pupil>(StreamIds.Pupil(pupilId), ct) is null) return Rejections.NotFound("Pupil");

        var verdict = ConsentEvaluation.Evaluate(consentType, await session.LoadAsync<PupilConsent>(StreamIds.PupilConsent(pupilId, type!), ct), day);
        Verdict? firstName = null;
        if (consentType.Online && verdict.Allowed
            && await session.LoadAsync<ConsentType>(StreamIds.ConsentType(StandardConsentTypes.FirstNameWithPhoto), ct) is { } nameType)
            firstName = ConsentEvaluation.Evaluate(nameType,
                await session.LoadAsync<PupilConsent>(StreamIds.PupilConsent(pupilId, StandardConsentTypes.FirstNameWithPhoto), ct), day);
        return TypedResults.Ok(new MayPublishAnswer(pupilId, consentType.Code, day, verdict.Allowed, verdict.Basis, verdict.Explanation,
            verdict.Evidence, NameUse(consentType, verdict, firstName)));
    }

    private static async Task<Results<Ok<DoNotPhotographList>, ValidationProblem, ProblemHttpResult>> DoNotPhotograph(string className, string? on, string? types, IQuerySession session,
        SchoolCalendar calendar, CancellationToken ct)
    {
        var v = new FieldErrors();
        var day = v.Date(on, "on") ?? calendar.Today;
        var wanted = types?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var code in wanted ?? []) v.Code(code, "types");
        if (!v.IsValid) return v.Problem();
        var photographic = (await session.Query<ConsentType>().ToListAsync(ct))
            .Where(t => wanted is null ? t.Photographic : wanted.Contains(t.Code)).ToList();
        if (wanted is not null && photographic.Count != wanted.Distinct(StringComparer.Ordinal).Count())
            return new FieldErrors().Add("types", "Unknown consent types: " + string.Join(", ", wanted.Except(photographic.Select(t => t.Code), StringComparer.Ordinal))).Problem();
        var pupils = (await session.Query<Pupil>().Where(p => p.ClassName == className).ToListAsync(ct)).Where(p => p.OnRoll(day)).ToList();
        if (pupils.Count == 0) return Rejections.NotFound("Class");
        var ids = pupils.Select(p => p.PupilId).ToArray();
        var consents = (await session.Query<PupilConsent>().Where(c => c.PupilId.IsOneOf(ids)).ToListAsync(ct))
            .ToLookup(c => c.PupilId, StringComparer.Ordinal);
        var entries = pupils.OrderBy(p => p.PupilId, StringComparer.Ordinal)
            .Select(p => new DoNotPhotographEntry(p.PupilId, NotFor(photographic, consents[p.PupilId].ToDictionary(c => c.TypeCode, StringComparer.Ordinal), day)))
            .Where(e => e.NotFor.Count > 0).ToList();
        return TypedResults.Ok(new DoNotPhotographList(className, day, photographic.Select(t => t.Code).Order(StringComparer.Ordinal).ToList(), entries));
    }

    private static async Task<Results<Ok<IReadOnlyList<TypeCoverage>>, ValidationProblem, ProblemHttpResult>> Coverage(string? type, string? on, IQuerySession session, SchoolCalendar calendar, CancellationToken ct)
    {
        var v = new FieldErrors();
        if (type is not null) v.Code(type, "type");
        var day = v.Date(on, "on") ?? calendar.Today;
        if (!v.IsValid) return v.Problem();
        var types = (await session.Query<ConsentType>().ToListAsync(ct)).Where(t => type is null || t.Code == type).OrderBy(t => t.Code, StringComparer.Ordinal).ToList();
        if (type is not null && types.Count == 0) return Rejections.NotFound("Consent type");
        var pupils = (await session.Query<Pupil>().ToListAsync(ct)).Where(p => p.OnRoll(day)).ToList();
        var consents = (await session.Query<PupilConsent>().ToListAsync(ct)).ToDictionary(c => (c.PupilId, c.TypeCode));
        return TypedResults.Ok<IReadOnlyList<TypeCoverage>>(types.Select(t => new TypeCoverage(t.Code, t.Mode, day, pupils.GroupBy(p => p.YearGroup).OrderBy(g => g.Key)
            .Select(g =>
            {
                var verdicts = g.Select(p => ConsentEvaluation.Evaluate(t, consents.GetValueOrDefault((p.PupilId, t.Code)), day)).ToList();
                var allowed = verdicts.Count(x => x.Allowed);
                var silent = verdicts.Count(x => x.Basis == Verdict.NoResponse);
                return new YearGroupCoverage(g.Key, verdicts.Count, allowed, verdicts.Count - allowed, silent,
                    Math.Round(100.0 * allowed / verdicts.Count, 1));
            }).ToList())).ToList());
    }

    private static async Task<Results<Ok<IReadOnlyList<OptOutEntry>>, ValidationProblem, ProblemHttpResult>> OptOuts(string code, string? on, IQuerySession session, SchoolCalendar calendar, CancellationToken ct)
    {
        var v = new FieldErrors();
        var day = v.Date(on, "on") ?? calendar.Today;
        if (!v.IsValid) return v.Problem();
        var type = await session.LoadAsync<ConsentType>(StreamIds.ConsentType(code), ct);
        if (type is null) return Rejections.NotFound("Consent type");
        var pupils = (await session.Query<Pupil>().ToListAsync(ct)).Where(p => p.OnRoll(day)).ToDictionary(p => p.PupilId, StringComparer.Ordinal);
        var list = (await session.Query<PupilConsent>().Where(c => c.TypeCode == code).ToListAsync(ct))
            .Where(c => pupils.ContainsKey(c.PupilId))
            .Select(c => (c, verdict: ConsentEvaluation.Evaluate(type, c, day)))
            .Where(x => x.verdict.Evidence?.Decision is DecisionKind.Declined or DecisionKind.Withdrawn)
            .Select(x => new OptOutEntry(x.c.PupilId, pupils[x.c.PupilId].ClassName, pupils[x.c.PupilId].YearGroup, x.verdict.Evidence))
            .OrderBy(e => e.ClassName, StringComparer.Ordinal).ThenBy(e => e.PupilId, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok<IReadOnlyList<OptOutEntry>>(list);
    }
}
