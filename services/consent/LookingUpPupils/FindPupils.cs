using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Consent.ImportingRoster;
using TrustSafety.Consent.Pupils;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Consent.LookingUpPupils;

/// <summary>
/// A pupil as a picker shows them. Upn and DateOfBirth only for the safeguarding team (DSL, deputy, head); staff and the
/// school IT admin see name, year and class; governors and trust-wide users are refused the route.
/// </summary>
public sealed record PupilCard(
    string PupilId, string Name, string LegalName, int YearGroup, string Year, string ClassName, bool OnRoll, string? Upn,
    DateOnly? DateOfBirth);

public sealed record PupilSearchResult(IReadOnlyList<PupilCard> Pupils);

public sealed record PupilView(string PupilId, string ClassName, int YearGroup, DateOnly? LeavingDate);

public static class FindPupils
{
    public const int MaxResults = 20;
    public const int MaxIds = 50;

    public static void MapPupilLookup(this RouteGroupBuilder api) => api.MapGet("/pupils", Handle)
        .RequireAuthorization(PlatformPolicies.SchoolStaff).WithName("FindPupils")
        .WithSummary("Find pupils of your school by name or UPN (?search=, at least 2 characters; up to 20, on roll unless "
            + "?leavers=true), or name pupils by internal id (?id=…&id=…, up to 50). Names to school staff only; UPN and date of birth "
            + "to the safeguarding team.");

    public static void MapPupil(this RouteGroupBuilder api) =>
        api.MapGet("/pupils/{pupilId}", Get).WithName("GetPupil").RequireAuthorization(PlatformPolicies.SchoolStaff);

    private static async Task<Results<Ok<PupilSearchResult>, ValidationProblem>> Handle(string? search, string[]? id, bool? leavers, IQuerySession session, CurrentUser user,
        SchoolCalendar calendar, CancellationToken ct)
    {
        var v = new FieldErrors();
        var ids = (id ?? []).Where(i => !string.IsNullOrWhiteSpace(i)).Distinct(StringComparer.Ordinal).ToList();
        var words = (search ?? "").ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        v.Require(ids.Count > 0 || (search ?? "").Trim().Length >= 2, "search",
            "Type at least 2 letters of the pupil's name or their UPN, e.g. ?search=amy, or give ?id=<pupil id>.");
        v.Require((search ?? "").Length <= 60, "search", "Search with at most 60 characters.");
        v.Require(ids.Count <= MaxIds, "id", $"Name at most {MaxIds} pupils at a time.");
        if (!v.IsValid) return v.Problem();

        IReadOnlyList<Pupil> found;
        if (ids.Count > 0)
            found = await session.LoadManyAsync<Pupil>(ct, ids.Select(StreamIds.Pupil).ToArray());
        else
        {
            var query = session.Query<Pupil>().Where(p => p.Upn != null);
            foreach (var word in words) query = query.Where(p => p.SearchText.Contains(word));
            found = await query.OrderBy(p => p.LegalSurname).ThenBy(p => p.LegalForename).Take(200).ToListAsync(ct);
        }

        var today = calendar.Today;
        var team = user.IsInAnyRole(PlatformRoles.SafeguardingTeam);
        var cards = found.Where(p => p.Upn is not null && (ids.Count > 0 || leavers == true || p.OnRoll(today)))
            .Take(ids.Count > 0 ? MaxIds : MaxResults)
            .Select(p => new PupilCard(p.PupilId, p.DisplayName!, $"{p.LegalForename} {p.LegalSurname}", p.YearGroup,
                ImportRoster.Year(p.YearGroup), p.ClassName, p.OnRoll(today), team ? p.Upn : null, team ? p.DateOfBirth : null))
            .ToList();
        return TypedResults.Ok(new PupilSearchResult(cards));
    }

    private static async Task<Results<Ok<PupilView>, ProblemHttpResult>> Get(string pupilId, IQuerySession session, CancellationToken ct)
    {
        var pupil = await session.LoadAsync<Pupil>(StreamIds.Pupil(pupilId), ct);
        if (pupil is null) return Rejections.NotFound("Pupil");
        return TypedResults.Ok(new PupilView(pupil.PupilId, pupil.ClassName, pupil.YearGroup, pupil.LeavingDate));
    }
}
