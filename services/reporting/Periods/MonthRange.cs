using System.Globalization;

namespace TrustSafety.Reporting.Periods;

/// <summary>Whole calendar months, inclusive, in UTC.</summary>
public sealed record MonthRange(DateOnly First, DateOnly Last)
{
    public const int MaxMonths = 36;

    public IReadOnlyList<DateOnly> Months
    {
        get
        {
            var list = new List<DateOnly>();
            for (var m = First; m <= Last; m = m.AddMonths(1)) list.Add(m);
            return list;
        }
    }

    public DateTimeOffset Start => new(First.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    public DateTimeOffset End => new(Last.AddMonths(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
    public bool Contains(DateTimeOffset at) => at >= Start && at < End;

    public static string Key(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
    public static string KeyOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Parses <c>from</c>/<c>to</c> as yyyy-MM; absent means the last three months up to <paramref name="now"/>.</summary>
    public static (MonthRange? Range, Dictionary<string, string[]> Errors) Parse(string? from, string? to, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var current = new DateOnly(now.UtcDateTime.Year, now.UtcDateTime.Month, 1);
        var last = ParseMonth(to, "to", errors) ?? current;
        var first = ParseMonth(from, "from", errors) ?? last.AddMonths(-2);
        if (errors.Count == 0 && first > last)
            errors["from"] = ["'from' must not be after 'to'. Swap them, e.g. from=2026-09&to=2026-11."];
        if (errors.Count == 0 && (last.Year - first.Year) * 12 + last.Month - first.Month >= MaxMonths)
            errors["to"] = [$"A range covers at most {MaxMonths} months. Narrow 'from'/'to'."];
        return errors.Count > 0 ? (null, errors) : (new MonthRange(first, last), errors);
    }

    private static DateOnly? ParseMonth(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
            return month;
        errors[field] = [$"'{field}' must be a month written yyyy-MM, e.g. 2026-09."];
        return null;
    }
}
