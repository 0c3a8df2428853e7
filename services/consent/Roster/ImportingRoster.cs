using System.Text;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.Consent.Roster;

/// <summary>One pupil the import adds, changes or records as leaving, described for the person importing.</summary>
public sealed record RosterChange(int? Line, string PupilId, string Upn, string Name, IReadOnlyList<string> What);

public sealed record RosterImportResult(
    Guid? ImportId, string Layout, bool DryRun, int Rows, IReadOnlyList<RosterChange> Joiners, IReadOnlyList<RosterChange> Leavers,
    IReadOnlyList<RosterChange> Changed, int Unchanged, IReadOnlyDictionary<string, string> ColumnsUsed);

/// <summary>Events for one pupil's stream: a new stream (ExpectedVersion 0) or an existing one at ExpectedVersion.</summary>
public sealed record PlannedAppend(Guid StreamId, long ExpectedVersion, IReadOnlyList<object> Events);

public sealed record RosterPlan(
    IReadOnlyList<PlannedAppend> Appends, IReadOnlyList<RosterChange> Joiners, IReadOnlyList<RosterChange> Leavers,
    IReadOnlyList<RosterChange> Changed, int Unchanged);

/// <summary>
/// Bring the roster in line with the school's MIS export: joiners, changes and leavers become events, nothing else does.
/// A pupil on roll who is missing from a full export has left (leaving date = the day before the import) unless missing=keep.
/// </summary>
public static class ImportingRoster
{
    public const int MaxBytes = 1024 * 1024;

    public static RosterPlan Decide(IReadOnlyList<MisPupil> rows, IReadOnlyList<Pupil> current, bool missingHaveLeft,
        Func<string> newPupilId, DateOnly today, DateTimeOffset now)
    {
        var byUpn = current.Where(p => p.Upn is not null).ToDictionary(p => p.Upn!, StringComparer.OrdinalIgnoreCase);
        var appends = new List<PlannedAppend>();
        List<RosterChange> joiners = [], leavers = [], changed = [];
        var unchanged = 0;
        foreach (var row in rows)
        {
            var name = $"{row.PreferredForename ?? row.LegalForename} {row.PreferredSurname ?? row.LegalSurname}";
            var details = new PupilDetailsRecorded("", row.Upn, row.LegalForename, row.LegalSurname, row.PreferredForename,
                row.PreferredSurname, row.DateOfBirth, row.AdmissionDate, now);
            if (!byUpn.TryGetValue(row.Upn, out var pupil))
            {
                var id = newPupilId();
                var events = new List<object> { new PupilEnrolled(id, row.ClassName, row.YearGroup, now), details with { PupilId = id } };
                if (row.LeavingDate is not null) events.Add(new PupilLeavingDateRecorded(id, row.LeavingDate, now));
                if (row.Accounts.Count > 0) events.Add(new PupilSignInAccountsSet(id, row.Accounts, now));
                appends.Add(new PlannedAppend(StreamIds.Pupil(id), 0, events));
                joiners.Add(new RosterChange(row.Line, id, row.Upn, name,
                    [$"joins {Year(row.YearGroup)}, {row.ClassName}" + (row.LeavingDate is { } l ? $", left {l:dd/MM/yyyy}" : "")]));
                continue;
            }

            var changes = new List<object>();
            var what = new List<string>();
            if (pupil.LegalForename != row.LegalForename || pupil.LegalSurname != row.LegalSurname
                || pupil.PreferredForename != row.PreferredForename || pupil.PreferredSurname != row.PreferredSurname
                || pupil.DateOfBirth != row.DateOfBirth || pupil.AdmissionDate != row.AdmissionDate || pupil.Upn != row.Upn)
            {
                changes.Add(details with { PupilId = pupil.PupilId });
                if (pupil.DisplayName != name || pupil.LegalForename != row.LegalForename || pupil.LegalSurname != row.LegalSurname)
                    what.Add($"name {pupil.DisplayName} → {name}");
                if (pupil.DateOfBirth != row.DateOfBirth) what.Add("date of birth corrected");
                if (pupil.AdmissionDate != row.AdmissionDate) what.Add($"admission date {row.AdmissionDate:dd/MM/yyyy}");
            }
            if (pupil.ClassName != row.ClassName || pupil.YearGroup != row.YearGroup)
            {
                changes.Add(new PupilPlacementChanged(pupil.PupilId, row.ClassName, row.YearGroup, now));
                what.Add($"{Year(pupil.YearGroup)}, {pupil.ClassName} → {Year(row.YearGroup)}, {row.ClassName}");
            }
            var leaves = false;
            if (pupil.LeavingDate != row.LeavingDate)
            {
                changes.Add(new PupilLeavingDateRecorded(pupil.PupilId, row.LeavingDate, now));
                leaves = row.LeavingDate is not null;
                what.Add(row.LeavingDate is { } l ? $"leaving date {l:dd/MM/yyyy}" : "back on roll (leaving date removed)");
            }
            if (!pupil.Accounts.Order(StringComparer.Ordinal).SequenceEqual(row.Accounts.Order(StringComparer.Ordinal), StringComparer.Ordinal))
            {
                changes.Add(new PupilSignInAccountsSet(pupil.PupilId, row.Accounts, now));
                what.Add($"sign-in accounts: {row.Accounts.Except(pupil.Accounts, StringComparer.Ordinal).Count()} added, {pupil.Accounts.Except(row.Accounts, StringComparer.Ordinal).Count()} removed");
            }
            if (changes.Count == 0) { unchanged++; continue; }
            appends.Add(new PlannedAppend(pupil.Id, pupil.Version, changes));
            (leaves ? leavers : changed).Add(new RosterChange(row.Line, pupil.PupilId, row.Upn, name, what));
        }

        if (missingHaveLeft)
        {
            var inFile = rows.Select(r => r.Upn).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var pupil in current.Where(p => p.Upn is not null && !inFile.Contains(p.Upn) && p.LeavingDate is null))
            {
                // The MIS lists the pupils on roll today: one it no longer lists was last on roll yesterday at the latest.
                var lastDay = today.AddDays(-1);
                appends.Add(new PlannedAppend(pupil.Id, pupil.Version, [new PupilLeavingDateRecorded(pupil.PupilId, lastDay, now)]));
                leavers.Add(new RosterChange(null, pupil.PupilId, pupil.Upn!, pupil.DisplayName ?? pupil.PupilId,
                    [$"not in the export: leaving date {lastDay:dd/MM/yyyy}"]));
            }
        }
        return new RosterPlan(appends, joiners, leavers, changed, unchanged);
    }

    public static string Year(int yearGroup) => yearGroup switch { -1 => "Nursery", 0 => "Reception", _ => $"Year {yearGroup}" };

    public static void MapRosterImport(this RouteGroupBuilder api) => api.MapPost("/roster/imports", Handle)
        .RequireAuthorization(ConsentPolicies.Manage)
        .Accepts<string>("text/csv").WithName("ImportRoster")
        .WithSummary("Import the school's pupil list from its SIMS, Arbor or Bromcom CSV export (text/csv, at most 1 MB and 5000 pupils). "
            + "?dryRun=true shows what would change; ?layout=sims|arbor|bromcom (default: recognised from the headers); "
            + "?missing=leave (default: a pupil on roll missing from the file left, last on roll yesterday) or keep (a partial export).");

    private static async Task<Results<Ok<RosterImportResult>, ValidationProblem, ProblemHttpResult>> Handle(HttpRequest request, IDocumentSession session, CurrentUser user, SchoolCalendar calendar,
        bool? dryRun, string? layout, string? missing, CancellationToken ct)
    {
        var v = new FieldErrors();
        v.Require(layout is null || MisExport.Layouts.Contains(layout), "layout", $"Use one of {string.Join(", ", MisExport.Layouts)}, or leave it out.");
        v.Require(missing is null or "leave" or "keep", "missing",
            "Use 'leave' (pupils missing from the export have left) or 'keep' (the export is one year group or key stage).");
        if (!v.IsValid) return v.Problem();
        if (request.ContentLength > MaxBytes)
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large",
                detail: $"Import at most {MaxBytes / 1024} KB at a time; export one key stage at a time with ?missing=keep.");
        var buffer = new char[MaxBytes + 1];
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var read = 0;
        int n;
        while (read <= MaxBytes && (n = await reader.ReadAsync(buffer.AsMemory(read, buffer.Length - read), ct)) > 0) read += n;
        if (read > MaxBytes)
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large",
                detail: $"Import at most {MaxBytes / 1024} KB at a time; export one key stage at a time with ?missing=keep.");
        var text = new string(buffer, 0, read);
        if (string.IsNullOrWhiteSpace(text))
            return v.Add("file", "Send the MIS pupil-list export as the body (Content-Type: text/csv).").Problem();

        var today = calendar.Today;
        var parsed = MisExport.Parse(text, layout, today);
        if (parsed.FileError is not null) return v.Add("file", parsed.FileError).Problem();
        if (parsed.BadRows.Count > 0)
        {
            foreach (var bad in parsed.BadRows) v.Add($"line {bad.Line}: {bad.Column}", bad.Reason);
            return TypedResults.ValidationProblem(v.Errors, title: $"{parsed.BadRows.Select(b => b.Line).Distinct().Count()} rows of the export cannot be imported",
                detail: "Nothing was changed. Correct the rows listed in errors (line numbers as a spreadsheet shows them) and import the file again.");
        }

        var current = await session.Query<Pupil>().ToListAsync(ct);
        var plan = Decide(parsed.Pupils, current, missing != "keep", () => $"p-{Guid.CreateVersion7():N}", today, calendar.Now);
        var onRoll = current.Count(p => p.Upn is not null && p.OnRoll(today));
        if (missing != "keep" && onRoll >= 20 && plan.Leavers.Count(l => l.Line is null) * 2 > onRoll)
            return Rejections.Unprocessable("Most pupils would leave",
                $"{plan.Leavers.Count(l => l.Line is null)} of the {onRoll} pupils on roll are not in this file, so the import would record them all as leavers. "
                + "If the file is one year group or key stage, import it with ?missing=keep; otherwise export the whole school.");

        Guid? importId = null;
        if (dryRun != true && plan.Appends.Count > 0)
        {
            foreach (var append in plan.Appends)
            {
                if (append.ExpectedVersion == 0) session.Events.StartStream<Pupil>(append.StreamId, append.Events);
                else session.Events.Append(append.StreamId, append.ExpectedVersion + append.Events.Count, append.Events.ToArray());
            }
            importId = Guid.CreateVersion7();
            session.Events.StartStream(importId.Value, new RosterImported(importId.Value, user.Id, user.Name, calendar.Now, parsed.Layout,
                parsed.Pupils.Count, plan.Joiners.Count, plan.Leavers.Count, plan.Changed.Count, plan.Unchanged));
            await session.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(new RosterImportResult(importId, parsed.Layout, dryRun == true, parsed.Pupils.Count, plan.Joiners,
            plan.Leavers, plan.Changed, plan.Unchanged, parsed.ColumnsUsed));
    }
}
