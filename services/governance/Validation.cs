using System.Text.RegularExpressions;

namespace TrustSafety.Governance;

/// <summary>Collects every bad field with the fix, so one response tells the caller everything to correct.</summary>
public sealed partial class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public Validation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public Validation Require(bool ok, string field, string message) => ok ? this : Add(field, message);

    /// <summary>Internal ids (pupils, guardians, staff): letters, digits, '.', '_', '-' — never a person's name.</summary>
    public Validation Id(string? value, string field) => Require(value is not null && IdPattern().IsMatch(value), field,
        "Give the internal id (1-64 letters, digits, '.', '_' or '-'; no spaces, so never a name).");

    public Validation Code(string? value, string field) => Require(value is not null && CodePattern().IsMatch(value), field,
        "Give a kebab-case code of 2-40 characters, e.g. 'website'.");

    public DateOnly? Date(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", out var day)) return day;
        Add(field, "Give a date as yyyy-MM-dd, e.g. 2026-11-23.");
        return null;
    }

    public IDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public IResult Problem() => TypedResults.ValidationProblem(Errors,
        title: "The request has invalid fields", detail: "Nothing was changed. Correct the fields listed in errors and retry.");

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex CodePattern();
}

public static class Rejections
{
    public static IResult NotFound(string what) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: $"{what} not found", detail: $"No {what.ToLowerInvariant()} with that id exists in your school.");

    public static IResult Conflict(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);

    public static IResult Unprocessable(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: title, detail: detail);
}

/// <summary>What a pure decision returns: the events to append, or why the command is refused.</summary>
public sealed record Outcome(IReadOnlyList<object> Events, Rejection? Rejected = null)
{
    public static Outcome Append(params object[] events) => new(events);
    public static readonly Outcome Nothing = new([]);
    public static Outcome Reject(int status, string title, string detail) => new([], new Rejection(status, title, detail));
}

public sealed record Rejection(int Status, string Title, string Detail)
{
    public IResult ToResult() => TypedResults.Problem(statusCode: Status, title: Title, detail: Detail);
}

public sealed partial class Validation
{
    public Validation OneOf(string? value, string field, IReadOnlyCollection<string> choices) =>
        Require(value is not null && choices.Contains(value), field, $"Give one of: {string.Join(", ", choices)}.");

    public Validation Text(string? value, string field, int max) =>
        Require(!string.IsNullOrWhiteSpace(value) && value.Trim().Length <= max, field, $"Give 1-{max} characters.");

    public Validation Optional(string? value, string field, int max) =>
        Require(value is null || value.Trim().Length <= max, field, $"Give at most {max} characters, or leave it out.");

    public Validation Name(string? value, string field) => Text(value, field, 120);

    public DateOnly? RequiredDate(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) { Add(field, "Give a date as yyyy-MM-dd, e.g. 2026-11-23."); return null; }
        return Date(value, field);
    }
}
