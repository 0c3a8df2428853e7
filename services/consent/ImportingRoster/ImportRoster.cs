using System.Text;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Consent.Pupils;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.Consent.ImportingRoster;

/// <summary>An import of the MIS export that changed the roster (a dry run records nothing): who, which layout, what changed.</summary>
public sealed record RosterImported(
    Guid ImportId, string By, string ByName, DateTimeOffset At, string Layout, int Rows, int Joiners, int Leavers, int Changed,
    int Unchanged);

/// <summary>One pupil the import adds, changes or records as leaving, described for the person importing.</summary>
public sealed record RosterChange(int? Line, string PupilId, string Upn, string Name, IReadOnlyList<string> What);

public sealed record RosterImportResult(
    Guid? ImportId, string Layout, bool DryRun, int Rows, IReadOnlyList<RosterChange> Joiners, IReadOnlyList<RosterChange> Leavers,
    IReadOnlyList<RosterChange> Changed, int Unchanged, IReadOnlyDictionary<string, string> ColumnsUsed);

/// <summary>A checked MIS export as a command: the id its record takes, its layout and rows, and whether pupils missing from it left.</summary>
public sealed record RosterImport(Guid ImportId, string Layout, IReadOnlyList<MisPupil> Rows, bool MissingHaveLeft);

/// <summary>What an import changes, described for the person importing.</summary>
public sealed record RosterReport(
    IReadOnlyList<RosterChange> Joiners, IReadOnlyList<RosterChange> Leavers, IReadOnlyList<RosterChange> Changed, int Unchanged);

/// <summary>
/// Bring the roster in line with the school's MIS export: joiners, changes and leavers become events, nothing else does.
/// A pupil on roll who is missing from a full export has left (leaving date = the day before the import) unless missing=keep.
/// </summary>
public static class ImportRoster
{
    public const int MaxBytes = 1024 * 1024;

    /// <summary>
    /// Pure: joiners start their own pupil streams, every other change is addressed to the pupil's stream, and an import that
    /// changes anything starts its own record; a full export missing most of the pupils on roll is refused (422).
    /// </summary>
    public static (Decision Decision, RosterReport Report) Decide(IReadOnlyDictionary<Guid, Pupil?> current, RosterImport import,
        Func<string> newPupilId, Actor actor, DateOnly today, DateTimeOffset now)
    {
        var pupils = current.Where(c => c.Value is not null).Select(c => (Id: c.Key, Pupil: c.Value!)).ToList();
        var byUpn = pupils.Where(p => p.Pupil.Upn is not null).ToDictionary(p => p.Pupil.Upn!, StringComparer.OrdinalIgnoreCase);
        List<NewStream> started = [];
        List<StreamEvent> addressed = [];
        List<RosterChange> joiners = [], leavers = [], changed = [];
        var unchanged = 0;
        foreach (var row in import.Rows)
        {
            var name = $"{row.PreferredForename ?? row.LegalForename} {row.PreferredSurname ?? row.LegalSurname}";
            var details = new PupilDetailsRecorded("", row.Upn, row.LegalForename, row.LegalSurname, row.PreferredForename,
                row.PreferredSurname, row.DateOfBirth, row.AdmissionDate, now);
            if (!byUpn.TryGetValue(row.Upn, out var existing))
            {
                var id = newPupilId();
                var events = new List<object> { new PupilEnrolled(id, row.ClassName, row.YearGroup, now), details with { PupilId = id } };
                if (row.LeavingDate is not null) events.Add(new PupilLeavingDateRecorded(id, row.LeavingDate, now));
                if (row.Accounts.Count > 0) events.Add(new PupilSignInAccountsSet(id, row.Accounts, now));
                started.Add(new NewStream(StreamIds.Pupil(id), typeof(Pupil), events));
                joiners.Add(new RosterChange(row.Line, id, row.Upn, name,
                    [$"joins {Year(row.YearGroup)}, {row.ClassName}" + (row.LeavingDate is { } l ? $", left {l:dd/MM/yyyy}" : "")]));
                continue;
            }

            var pupil = existing.Pupil;
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
            addressed.AddRange(changes.Select(e => new StreamEvent(existing.Id, e)));
            (leaves ? leavers : changed).Add(new RosterChange(row.Line, pupil.PupilId, row.Upn, name, what));
        }

        var missingLeft = 0;
        if (import.MissingHaveLeft)
        {
            var inFile = import.Rows.Select(r => r.Upn).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var (id, pupil) in pupils.Where(p => p.Pupil.Upn is not null && !inFile.Contains(p.Pupil.Upn) && p.Pupil.LeavingDate is null))
            {
                // The MIS lists the pupils on roll today: one it no longer lists was last on roll yesterday at the latest.
                var lastDay = today.AddDays(-1);
                addressed.Add(new StreamEvent(id, new PupilLeavingDateRecorded(pupil.PupilId, lastDay, now)));
                leavers.Add(new RosterChange(null, pupil.PupilId, pupil.Upn!, pupil.DisplayName ?? pupil.PupilId,
                    [$"not in the export: leaving date {lastDay:dd/MM/yyyy}"]));
                missingLeft++;
            }
        }

        var report = new RosterReport(joiners, leavers, changed, unchanged);
        // A file that leaves out most of the school is far likelier a partial export sent without ?missing=keep than a mass exodus.
        var onRoll = pupils.Count(p => p.Pupil.Upn is not null && p.Pupil.OnRoll(today));
        if (import.MissingHaveLeft && onRoll >= 20 && missingLeft * 2 > onRoll)
            return (Decision.Unprocessable("Most pupils would leave",
                $"{missingLeft} of the {onRoll} pupils on roll are not in this file, so the import would record them all as leavers. "
                + "If the file is one year group or key stage, import it with ?missing=keep; otherwise export the whole school."), report);

        // Collected, then added at once: a first import of a whole school starts thousands of streams.
        var decision = Decision.Nothing.Starting(started).AlsoOn(addressed);
        if (decision.Records)
            decision = decision.Starting(import.ImportId, new RosterImported(import.ImportId, actor.Id, actor.Name, now, import.Layout,
                import.Rows.Count, joiners.Count, leavers.Count, changed.Count, unchanged));
        return (decision, report);
    }

    private static string NewPupilId() => $"p-{Guid.CreateVersion7():N}";

    public static string Year(int yearGroup) => yearGroup switch { -1 => "Nursery", 0 => "Reception", _ => $"Year {yearGroup}" };

    public static void MapRosterImport(this RouteGroupBuilder api) => api.MapPost("/roster/imports", Handle)
        .RequireAuthorization(ConsentPolicies.Manage)
        .Accepts<string>("text/csv").WithName("ImportRoster")
        .WithSummary("Import the school's pupil list from its SIMS, Arbor or Bromcom CSV export (text/csv, at most 1 MB and 5000 pupils). "
            + "?dryRun=true shows what would change; ?layout=sims|arbor|bromcom (default: recognised from the headers); "
            + "?missing=leave (default: a pupil on roll missing from the file left, last on roll yesterday) or keep (a partial export).")
        .ProducesRecordProblems();

    private static async Task<Results<Ok<RosterImportResult>, ValidationProblem, ProblemHttpResult>> Handle(HttpRequest request, IDocumentSession session, CurrentUser user, SchoolCalendar calendar,
        TimeProvider clock, bool? dryRun, string? layout, string? missing, CancellationToken ct)
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

        var parsed = MisExport.Parse(text, layout, calendar.Today);
        if (parsed.FileError is not null) return v.Add("file", parsed.FileError).Problem();
        if (parsed.BadRows.Count > 0)
        {
            foreach (var bad in parsed.BadRows) v.Add($"line {bad.Line}: {bad.Column}", bad.Reason);
            return TypedResults.ValidationProblem(v.Errors, title: $"{parsed.BadRows.Select(b => b.Line).Distinct().Count()} rows of the export cannot be imported",
                detail: "Nothing was changed. Correct the rows listed in errors (line numbers as a spreadsheet shows them) and import the file again.");
        }

        // Every pupil in one query, each appended at the version read: a change in between fails the whole import (412).
        var current = (await session.Query<Pupil>().ToListAsync(ct)).ToDictionary(p => p.Id, p => new Versioned<Pupil>(p, p.Version));
        var import = new RosterImport(Guid.CreateVersion7(), parsed.Layout, parsed.Pupils, missing != "keep");
        RosterImportResult Answer(Guid? importId, RosterReport report) => new(importId, parsed.Layout, dryRun == true, parsed.Pupils.Count,
            report.Joiners, report.Leavers, report.Changed, report.Unchanged, parsed.ColumnsUsed);

        if (dryRun == true)
        {
            // A dry run decides exactly as an import would and records nothing.
            var now = calendar.Now;
            var (decision, report) = Decide(current.ToDictionary(c => c.Key, c => c.Value.State), import, NewPupilId, Actor.From(user),
                calendar.DayOf(now), now);
            return decision.Rejection is { } rejection ? rejection.As<Ok<RosterImportResult>>() : TypedResults.Ok(Answer(null, report));
        }
        RosterReport? answer = null;
        return await Change.Record<Pupil, Ok<RosterImportResult>>(session, user, clock, current,
            (pupils, actor, now) =>
            {
                // The school day of the instant the events are stamped with: who left "yesterday" is counted from the same clock read.
                (var decision, answer) = Decide(pupils, import, NewPupilId, actor, calendar.DayOf(now), now);
                return decision;
            },
            decision => Task.FromResult(TypedResults.Ok(Answer(decision.Records ? import.ImportId : null, answer!))), ct);
    }
}
