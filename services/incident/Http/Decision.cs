namespace TrustSafety.Incident.Http;

/// <summary>What a pure decider returns: the events to append, or why nothing changes.</summary>
public sealed record Decision(IReadOnlyList<object> Events, Rejection? Rejection)
{
    public bool Accepted => Rejection is null;

    public static Decision Accept(params object[] events) => new(events, null);
    public static Decision Invalid(string title, IReadOnlyDictionary<string, string[]> errors) => new([], new InvalidInput(title, errors));
    public static Decision Conflict(string title, string detail, IReadOnlyDictionary<string, object?>? extensions = null) =>
        new([], new NotAllowedNow(title, detail) { Extensions = extensions });
    public static Decision Forbidden(string title, string detail) => new([], new NotPermitted(title, detail));
}

public abstract record Rejection(string Title);

/// <summary>400: the request itself is wrong; every bad field is named with the fix.</summary>
public sealed record InvalidInput(string Title, IReadOnlyDictionary<string, string[]> Errors) : Rejection(Title);

/// <summary>409: the request is well-formed but the incident's state does not allow it.</summary>
public sealed record NotAllowedNow(string Title, string Detail) : Rejection(Title)
{
    /// <summary>Problem-details members beside title and detail (e.g. the open route steps), for clients to act on.</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }
}

/// <summary>403: this person may not make this change to this incident (e.g. record viewing imagery without delegation).</summary>
public sealed record NotPermitted(string Title, string Detail) : Rejection(Title);

/// <summary>Collects every bad field so one response lists them all.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public FieldErrors When(bool bad, string field, string message) => bad ? Add(field, message) : this;

    public FieldErrors Required(string? value, string field, string fix, int maxLength = 4000)
    {
        if (string.IsNullOrWhiteSpace(value)) return Add(field, $"{field} is required: {fix}");
        return When(value.Length > maxLength, field, $"{field} must be at most {maxLength} characters.");
    }

    /// <summary>A required date on or before today (UTC): "{field} is required: {what} (yyyy-MM-dd)." / "{field} is in the future."</summary>
    public FieldErrors PastDate(DateOnly? value, string field, string what, DateTimeOffset now) => value is null
        ? Add(field, $"{field} is required: {what} (yyyy-MM-dd).")
        : When(value > DateOnly.FromDateTime(now.UtcDateTime), field, $"{field} is in the future.");

    public FieldErrors OneOf(string? value, IReadOnlyCollection<string> allowed, string field, bool required = true)
    {
        if (value is null) return required ? Add(field, $"{field} is required; use one of: {string.Join(", ", allowed)}.") : this;
        return When(!allowed.Contains(value), field, $"'{value}' is not a known {field}; use one of: {string.Join(", ", allowed)}.");
    }

    public FieldErrors Paging(int? page, int? pageSize)
    {
        foreach (var (field, message) in ServiceDefaults.Http.Paging.Problems(page, pageSize)) Add(field, message);
        return this;
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public Decision Reject(string title) => Decision.Invalid(title, ToDictionary());
}
