using System.Text;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Governance.Training;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.Governance.ImportingTraining;

public sealed record RejectedRow(int Row, string Reason);
public sealed record TrainingImportResult(int Recorded, int PeopleAdded, int AlreadyRecorded, IReadOnlyList<RejectedRow> Rejected);

/// <summary>A parsed import as a command: the rows to record and those already rejected by their shape.</summary>
public sealed record TrainingImportRows(IReadOnlyList<TrainingCsvRow> Rows, IReadOnlyList<RejectedRow> Rejected);

/// <summary>One CSV row as read (row 1 is the header).</summary>
public sealed record TrainingCsvRow(int Row, string PersonId, string? Name, string? Role, string? JoinedOn, string Kind, string CompletedOn,
    string Provider, string? CertificateRef);

/// <summary>
/// Existing training records from a spreadsheet: <c>person_id,name,role,joined_on,kind,completed_on,provider,certificate_ref</c>
/// (name, role and joined_on needed only for someone not yet on the register). Each good row is recorded; each bad one is named with the fix.
/// </summary>
public static class TrainingImport
{
    public const int MaxBytes = 1024 * 1024;
    public const int MaxRows = 5000;
    public static readonly string[] Required = ["person_id", "kind", "completed_on", "provider"];
    public static readonly string[] Optional = ["name", "role", "joined_on", "certificate_ref"];

    public static void MapImportTraining(this RouteGroupBuilder t) =>
        t.MapPost("/import", Import).RequireAuthorization(GovernancePolicies.Manage).WithName("ImportTrainingRecords")
            .Accepts<string>("text/csv").WithSummary("CSV of existing records; good rows are recorded, every bad row is named with the fix");

    public static async Task<Results<Ok<TrainingImportResult>, ValidationProblem, ProblemHttpResult>> Import(HttpRequest request,
        IDocumentSession session, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes)
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large",
                detail: $"Import at most {MaxBytes / 1024} KB at a time; split the file.");
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(ct);
        var (rows, headerError, rejected) = Parse(text);
        if (headerError is not null) return new FieldErrors().Add("file", headerError).Problem();

        var import = new TrainingImportRows(rows, rejected);
        var requirements = await TrainingQueries.RequirementsOf(session, ct);
        TrainingImportResult? answer = null;
        return await Change.Record<StaffTraining, Ok<TrainingImportResult>>(session, user, clock, rows.Select(r => StreamIds.Person(r.PersonId)),
            (people, actor, now) =>
            {
                var (decision, result) = Decide(people, requirements, import, actor, now);
                answer = result;
                return decision;
            },
            _ => Task.FromResult(TypedResults.Ok(answer!)), ct);
    }

    /// <summary>
    /// Pure: every good row recorded on its person's stream, row after row (a person not on the register joins first, from the row's
    /// name, role and joining date), each change followed by the position it leaves them in; every bad row named with the fix.
    /// </summary>
    public static (Decision Decision, TrainingImportResult Result) Decide(IReadOnlyDictionary<Guid, StaffTraining?> people,
        TrainingRequirements requirements, TrainingImportRows import, Actor actor, DateTimeOffset now)
    {
        var today = SchoolDay.DayOf(now);
        var working = people.ToDictionary(p => p.Key, p => p.Value is null ? null : Copies.Of(p.Value));
        var decision = Decision.Nothing;
        int recorded = 0, added = 0, already = 0;
        var rejections = import.Rejected.ToList();
        foreach (var row in import.Rows)
        {
            var id = StreamIds.Person(row.PersonId);
            var person = working.GetValueOrDefault(id);
            var problems = RowProblems(row, today);
            if (problems.Count == 0 && person is null)
            {
                if (string.IsNullOrWhiteSpace(row.Name)) problems.Add("name: the person is not on the register yet; give their name.");
                if (row.Role is null || !TrainingRules.Roles.Contains(row.Role))
                    problems.Add($"role: the person is not on the register yet; give one of {string.Join(", ", TrainingRules.Roles)}.");
            }
            if (problems.Count > 0) { rejections.Add(new RejectedRow(row.Row, string.Join(" ", problems))); continue; }
            if (person is null)
            {
                var joinedOn = SchoolDay.ParseDate(row.JoinedOn) ?? SchoolDay.ParseDate(row.CompletedOn)!.Value;
                var joined = PersonChange.WithStatus(null, TrainingRules.Join(null, row.PersonId, row.Name!.Trim(), row.Role!, joinedOn, actor.Id, now),
                    requirements, now);
                (decision, person) = On(decision, id, person, joined.Events);
                added++;
            }
            var outcome = PersonChange.WithStatus(person, TrainingRules.Complete(person, row.Kind, SchoolDay.ParseDate(row.CompletedOn)!.Value,
                row.Provider.Trim(), string.IsNullOrWhiteSpace(row.CertificateRef) ? null : row.CertificateRef.Trim(), null, today, actor.Id, now),
                requirements, now);
            if (outcome.Rejection is { } r) rejections.Add(new RejectedRow(row.Row, r.Detail));
            else if (outcome.Events.Count == 0) already++;
            else { (decision, person) = On(decision, id, person, outcome.Events); recorded++; }
            working[id] = person;
        }
        return (decision, new TrainingImportResult(recorded, added, already, rejections.OrderBy(r => r.Row).ToList()));
    }

    /// <summary>The events addressed to the person's stream, and the person as they leave them (a detached copy, folded).</summary>
    private static (Decision, StaffTraining?) On(Decision decision, Guid id, StaffTraining? person, IReadOnlyList<object> events)
    {
        foreach (var e in events)
        {
            decision = decision.AlsoOn(id, e);
            switch (e)
            {
                case StaffMemberJoined x: person = StaffTraining.Create(x); break;
                case StaffMemberRoleChanged x: person!.Apply(x); break;
                case StaffMemberLeft x: person!.Apply(x); break;
                case TrainingCompleted x: person!.Apply(x); break;
                case InductionCompleted x: person!.Apply(x); break;
            }
        }
        return (decision, person);
    }

    /// <summary>Pure: the problems of one row on its own.</summary>
    public static List<string> RowProblems(TrainingCsvRow row, DateOnly today)
    {
        var v = new FieldErrors().Id(row.PersonId, "person_id").OneOf(row.Kind, "kind", TrainingRules.Kinds)
            .Text(row.Provider, "provider", 200).Optional(row.CertificateRef, "certificate_ref", 100)
            .Optional(row.Name, "name", 120)
            .Require(string.IsNullOrWhiteSpace(row.Role) || TrainingRules.Roles.Contains(row.Role), "role",
                $"Give one of: {string.Join(", ", TrainingRules.Roles)}.");
        var on = v.RequiredDate(row.CompletedOn, "completed_on");
        v.Require(on is null || on <= today, "completed_on", "Training cannot be dated in the future.");
        v.Date(row.JoinedOn, "joined_on");
        return v.Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")).ToList();
    }

    /// <summary>Pure: rows, or why the header cannot be read; rows with the wrong number of cells are rejected here.</summary>
    public static (IReadOnlyList<TrainingCsvRow> Rows, string? HeaderError, IReadOnlyList<RejectedRow> Rejected) Parse(string text)
    {
        var lines = Csv.Records(text).ToList();
        if (lines.Count == 0 || lines[0].All(string.IsNullOrWhiteSpace))
            return ([], "Send the CSV as the body (Content-Type: text/csv) with a header row: " + string.Join(",", Required.Concat(Optional)) + ".", []);
        var header = lines[0].Select(h => h.Trim().ToLowerInvariant().Replace(' ', '_')).ToList();
        var missing = Required.Where(r => !header.Contains(r)).ToList();
        if (missing.Count > 0)
            return ([], $"The header row lacks {string.Join(", ", missing)}. Columns: {string.Join(",", Required.Concat(Optional))} (the last four optional).", []);
        if (lines.Count - 1 > MaxRows) return ([], $"At most {MaxRows} rows at a time; split the file.", []);
        string? Cell(IReadOnlyList<string> cells, string column) =>
            header.IndexOf(column) is var i and >= 0 && i < cells.Count ? cells[i].Trim() : null;
        var rows = new List<TrainingCsvRow>();
        var rejected = new List<RejectedRow>();
        for (var n = 1; n < lines.Count; n++)
        {
            var cells = lines[n];
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            if (cells.Count != header.Count)
            {
                rejected.Add(new RejectedRow(n + 1, $"The row has {cells.Count} cells; the header has {header.Count}. Check for an unquoted comma."));
                continue;
            }
            rows.Add(new TrainingCsvRow(n + 1, Cell(cells, "person_id") ?? "", Cell(cells, "name"), Cell(cells, "role") is { Length: > 0 } r ? r : null,
                Cell(cells, "joined_on"), Cell(cells, "kind") ?? "", Cell(cells, "completed_on") ?? "", Cell(cells, "provider") ?? "",
                Cell(cells, "certificate_ref")));
        }
        return (rows, null, rejected);
    }
}

/// <summary>RFC 4180 records: quoted cells may hold commas, doubled quotes and line breaks.</summary>
public static class Csv
{
    public static IEnumerable<List<string>> Records(string text)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"' && cell.Length == 0) quoted = true;
            else if (c == ',') { cells.Add(cell.ToString()); cell.Clear(); }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                cells.Add(cell.ToString()); cell.Clear();
                yield return cells;
                cells = [];
            }
            else if (c != '\uFEFF' || i != 0) cell.Append(c);
        }
        if (cell.Length > 0 || cells.Count > 0) { cells.Add(cell.ToString()); yield return cells; }
    }
}
