using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TrustSafety.EventSourcing;

/// <summary>Collects every bad field with the fix, so one response tells the caller everything to correct.</summary>
public sealed partial class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;
    public bool IsValid => !Any;

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public FieldErrors When(bool bad, string field, string message) => bad ? Add(field, message) : this;

    public FieldErrors Require(bool ok, string field, string message) => When(!ok, field, message);

    /// <summary>"{field} is required: {fix}", and at most <paramref name="maxLength"/> characters.</summary>
    public FieldErrors Required(string? value, string field, string fix, int maxLength = 4000)
    {
        if (string.IsNullOrWhiteSpace(value)) return Add(field, $"{field} is required: {fix}");
        return When(value.Length > maxLength, field, $"{field} must be at most {maxLength} characters.");
    }

    /// <summary>A required date on or before today (UTC): "{field} is required: {what} (yyyy-MM-dd)." / "{field} is in the future."</summary>
    public FieldErrors PastDate(DateOnly? value, string field, string what, DateTimeOffset now) => value is null
        ? Add(field, $"{field} is required: {what} (yyyy-MM-dd).")
        : When(value > DateOnly.FromDateTime(now.UtcDateTime), field, $"{field} is in the future.");

    /// <summary>"'{value}' is not a known {field}; use one of: …" (or "{field} is required; use one of: …").</summary>
    public FieldErrors OneOf(string? value, IReadOnlyCollection<string> allowed, string field, bool required = true)
    {
        if (value is null) return required ? Add(field, $"{field} is required; use one of: {string.Join(", ", allowed)}.") : this;
        return When(!allowed.Contains(value, StringComparer.Ordinal), field, $"'{value}' is not a known {field}; use one of: {string.Join(", ", allowed)}.");
    }

    /// <summary>"Give one of: …" whether the value is absent or unknown.</summary>
    public FieldErrors OneOf(string? value, string field, IReadOnlyCollection<string> choices) =>
        Require(value is not null && choices.Contains(value, StringComparer.Ordinal), field, $"Give one of: {string.Join(", ", choices)}.");

    /// <summary>Internal ids (pupils, guardians, staff): letters, digits, '.', '_', '-' — never a person's name.</summary>
    public FieldErrors Id(string? value, string field) => Require(value is not null && IdPattern().IsMatch(value), field,
        "Give the internal id (1-64 letters, digits, '.', '_' or '-'; no spaces, so never a name).");

    public FieldErrors Code(string? value, string field) => Require(value is not null && CodePattern().IsMatch(value), field,
        "Give a kebab-case code of 2-40 characters, e.g. 'website'.");

    public FieldErrors Text(string? value, string field, int max) =>
        Require(!string.IsNullOrWhiteSpace(value) && value.Trim().Length <= max, field, $"Give 1-{max} characters.");

    public FieldErrors Optional(string? value, string field, int max) =>
        Require(value is null || value.Trim().Length <= max, field, $"Give at most {max} characters, or leave it out.");

    public FieldErrors Name(string? value, string field) => Text(value, field, 120);

    /// <summary>An optional yyyy-MM-dd date: null when absent or malformed (malformed is an error).</summary>
    public DateOnly? Date(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        Add(field, "Give a date as yyyy-MM-dd, e.g. 2026-11-23.");
        return null;
    }

    public DateOnly? RequiredDate(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) { Add(field, "Give a date as yyyy-MM-dd, e.g. 2026-11-23."); return null; }
        return Date(value, field);
    }

    public FieldErrors Paging(int? page, int? pageSize)
    {
        foreach (var (field, message) in ServiceDefaults.Http.Paging.Problems(page, pageSize)) Add(field, message);
        return this;
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public IDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>The rejection a decider returns: 400 listing every field.</summary>
    public Decision Reject(string title) => Decision.Invalid(title, ToDictionary());

    /// <summary>What every 400 of the platform tells the caller to do: one wording, whether the endpoint or a decider refused.</summary>
    public const string NothingChanged = "Nothing was changed. Fix the fields listed in errors and send the request again.";

    /// <summary>The 400 an endpoint returns when the request does not parse into a command.</summary>
    public ValidationProblem Problem(string title = "The request has invalid fields") => TypedResults.ValidationProblem(Errors,
        title: title, detail: NothingChanged);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex CodePattern();
}
