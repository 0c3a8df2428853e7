using CsvHelper;
using TrustSafety.Platform;

namespace TrustSafety.Identity.StaffAccounts;

/// <summary>
/// <c>email,name,school,roles</c> (a header row first; roles separated by <c>;</c>), as exported from a school's MIS
/// or written by hand. Every row is checked before anything is stored.
/// </summary>
public static class StaffAccountsCsv
{
    public const string Header = "email,name,school,roles";
    private static readonly string[] Columns = ["email", "name", "school", "roles"];

    public static (IReadOnlyList<StaffAccountValues> Rows, Dictionary<string, string[]> Errors) Parse(string text, TrustSchools trust)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var rows = new List<StaffAccountValues>();
        var options = new CsvReaderOptions
        {
            TrackLineNumbers = true,
            TrimWhitespace = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Skip,
            OnMalformedRecord = r => errors[$"row {r.LineNumber}"] = ["This row is not valid CSV (check its quotes and commas)."],
        };
        using var csv = CsvReader.FromText(text, options);
        csv.ReadHeader();
        var headers = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
        var columns = Columns.ToDictionary(h => h, h => headers.IndexOf(h), StringComparer.Ordinal);
        if (columns.Values.Any(i => i < 0))
        {
            errors["file"] = [$"The first row must be the header '{Header}' (roles separated by ';', school empty for trust-wide roles)."];
            return (rows, errors);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var line = (int)csv.LineNumber;
            string? Get(string column) => columns[column] < csv.FieldCount ? csv.GetString(columns[column]) : null;
            var (values, rowErrors) = StaffAccountRules.Check(Get("email"), Get("name"), Get("school"),
                (Get("roles") ?? "").Split(';'), emailRequired: true, trust, prefix: $"row {line}.");
            foreach (var (key, value) in rowErrors) errors[key] = value;
            if (values is null) continue;
            if (!seen.Add(values.Email)) errors[$"row {line}.email"] = [$"{values.Email} appears twice in the file: keep one row per person."];
            else rows.Add(values);
        }

        if (rows.Count == 0 && errors.Count == 0) errors["file"] = ["The file has a header but no people: add one row per member of staff."];
        if (rows.Count > 5000) errors["file"] = ["At most 5000 people per file: split the file by school."];
        return (rows, errors);
    }
}
