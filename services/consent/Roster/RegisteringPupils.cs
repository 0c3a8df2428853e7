using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Consent.Roster;

public sealed record RosterEntry(string? PupilId, string? ClassName, int? YearGroup, string? LeavingDate);
public sealed record RegisterPupils(IReadOnlyList<RosterEntry>? Pupils);
public sealed record PupilView(string PupilId, string ClassName, int YearGroup, DateOnly? LeavingDate);
public sealed record RosterResult(int Enrolled, int Changed, int Unchanged);

public static class RegisteringPupils
{
    public const int MaxBatch = 2000;

    /// <summary>Enrol a pupil, or bring the roster in line with the MIS: only what changed becomes an event.</summary>
    public static IReadOnlyList<object> Decide(Pupil? current, string pupilId, string className, int yearGroup, DateOnly? leavingDate,
        DateTimeOffset now)
    {
        var events = new List<object>();
        if (current is null)
        {
            events.Add(new PupilEnrolled(pupilId, className, yearGroup, now));
            if (leavingDate is not null) events.Add(new PupilLeavingDateRecorded(pupilId, leavingDate, now));
            return events;
        }
        if (current.ClassName != className || current.YearGroup != yearGroup)
            events.Add(new PupilPlacementChanged(pupilId, className, yearGroup, now));
        if (current.LeavingDate != leavingDate) events.Add(new PupilLeavingDateRecorded(pupilId, leavingDate, now));
        return events;
    }

    public static void MapRoster(this RouteGroupBuilder api)
    {
        api.MapPost("/roster", Register).WithName("RegisterPupils").RequireAuthorization(ConsentPolicies.Manage)
            .WithSummary("Register or update pupils (id, class, year group, leaving date) from the school's MIS");
        api.MapRosterImport();
        api.MapStaffAccounts();
        api.MapPupilLookup();
        api.MapGet("/pupils/{pupilId}", Get).WithName("GetPupil").RequireAuthorization(PlatformPolicies.SchoolStaff);
    }

    private static async Task<Results<Ok<RosterResult>, ValidationProblem>> Register(RegisterPupils body, IDocumentSession session, SchoolCalendar calendar, CancellationToken ct)
    {
        var v = new FieldErrors();
        var pupils = body.Pupils ?? [];
        v.Require(pupils.Count is > 0 and <= MaxBatch, "pupils", $"Send between 1 and {MaxBatch} pupils.");
        var parsed = new List<(string Id, string Class, int Year, DateOnly? Leaving)>();
        for (var i = 0; i < pupils.Count; i++)
        {
            var p = pupils[i];
            v.Id(p.PupilId, $"pupils[{i}].pupilId");
            v.Require(!string.IsNullOrWhiteSpace(p.ClassName) && p.ClassName.Length <= 40, $"pupils[{i}].className",
                "Give the class name (1-40 characters), e.g. '3B' or 'Oak'.");
            v.Require(p.YearGroup is >= -1 and <= 13, $"pupils[{i}].yearGroup", "Give the year group: -1 nursery, 0 reception, 1-13.");
            var leaving = v.Date(p.LeavingDate, $"pupils[{i}].leavingDate");
            if (v.IsValid) parsed.Add((p.PupilId!, p.ClassName!.Trim(), p.YearGroup!.Value, leaving));
        }
        v.Require(pupils.Select(p => p.PupilId).Distinct(StringComparer.Ordinal).Count() == pupils.Count, "pupils", "Each pupilId may appear only once.");
        if (!v.IsValid) return v.Problem();

        int enrolled = 0, changed = 0;
        foreach (var p in parsed)
        {
            var stream = await session.Events.FetchForWriting<Pupil>(StreamIds.Pupil(p.Id), ct);
            var events = Decide(stream.Aggregate, p.Id, p.Class, p.Year, p.Leaving, calendar.Now);
            if (events.Count == 0) continue;
            if (stream.Aggregate is null) enrolled++; else changed++;
            stream.AppendMany(events);
        }
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(new RosterResult(enrolled, changed, parsed.Count - enrolled - changed));
    }

    private static async Task<Results<Ok<PupilView>, ProblemHttpResult>> Get(string pupilId, IQuerySession session, CancellationToken ct)
    {
        var pupil = await session.LoadAsync<Pupil>(StreamIds.Pupil(pupilId), ct);
        if (pupil is null) return Rejections.NotFound("Pupil");
        return TypedResults.Ok(new PupilView(pupil.PupilId, pupil.ClassName, pupil.YearGroup, pupil.LeavingDate));
    }
}
