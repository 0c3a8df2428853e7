using System.Text;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.Governance.Training;

public sealed record RejectedRow(int Row, string Reason);
public sealed record TrainingImportResult(int Recorded, int PeopleAdded, int AlreadyRecorded, IReadOnlyList<RejectedRow> Rejected);

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

    public static async Task<Results<Ok<TrainingImportResult>, ValidationProblem, ProblemHttpResult>> Import(HttpRequest request,
        IDocumentSession session, SchoolDay day, CurrentUser user, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes)
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large",
                detail: $"Import at most {MaxBytes / 1024} KB at a time; split the file.");
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(ct);
        var (rows, headerError, rejected) = Parse(text);
        if (headerError is not null) return new FieldErrors().Add("file", headerError).Problem();

        int recorded = 0, added = 0, already = 0;
        var rejections = rejected.ToList();
        foreach (var row in rows)
        {
            var (reason, person) = await Check(row, session, day, ct);
            if (reason is not null) { rejections.Add(new RejectedRow(row.Row, reason)); continue; }
            if (person is null)
            {
                var joinedOn = SchoolDay.ParseDate(row.JoinedOn) ?? SchoolDay.ParseDate(row.CompletedOn)!.Value;
                await RecordingTraining.Record(session, row.PersonId, day,
                    p => TrainingRules.Join(p, row.PersonId, row.Name!.Trim(), row.Role!, joinedOn, user.Id, day.Now), ct);
                added++;
            }
            var outcome = await RecordingTraining.Record(session, row.PersonId, day, p => TrainingRules.Complete(p, row.Kind,
                SchoolDay.ParseDate(row.CompletedOn)!.Value, row.Provider.Trim(), string.IsNullOrWhiteSpace(row.CertificateRef) ? null : row.CertificateRef.Trim(),
                null, day.Today, user.Id, day.Now), ct);
            if (outcome.Rejection is { } r) rejections.Add(new RejectedRow(row.Row, r.Detail));
            else if (outcome.Events.Count == 0) already++;
            else recorded++;
        }
        return TypedResults.Ok(new TrainingImportResult(recorded, added, already, rejections.OrderBy(r => r.Row).ToList()));
    }

    /// <summary>Why a row cannot be recorded (every problem, with the fix), or the person it is for (null: a new person).</summary>
    private static async Task<(string? Reason, StaffTraining? Person)> Check(TrainingCsvRow row, IQuerySession session, SchoolDay day, CancellationToken ct)
    {
        var problems = RowProblems(row, day.Today);
        var person = problems.Count == 0 ? await session.LoadAsync<StaffTraining>(StreamIds.Person(row.PersonId), ct) : null;
        if (problems.Count == 0 && person is null)
        {
            if (string.IsNullOrWhiteSpace(row.Name)) problems.Add("name: the person is not on the register yet; give their name.");
            if (row.Role is null || !TrainingRules.Roles.Contains(row.Role))
                problems.Add($"role: the person is not on the register yet; give one of {string.Join(", ", TrainingRules.Roles)}.");
        }
        return (problems.Count == 0 ? null : string.Join(" ", problems), person);
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
