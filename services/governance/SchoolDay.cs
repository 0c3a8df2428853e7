using System.Globalization;
namespace TrustSafety.Governance;

/// <summary>Today in school time (England: Europe/London) and the academic year (1 September to 31 August), from <see cref="TimeProvider"/>.</summary>
public sealed class SchoolDay(TimeProvider time)
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public DateTimeOffset Now => time.GetUtcNow();
    public DateOnly Today => DayOf(time.GetUtcNow());

    /// <summary>The school day (Europe/London) an instant falls on: what a pure decider calls today.</summary>
    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>The first year of the academic year containing <paramref name="day"/> (2026 for 2026-09-01 … 2027-08-31).</summary>
    public static int AcademicYearOf(DateOnly day) => day.Month >= 9 ? day.Year : day.Year - 1;
    public static DateOnly YearStart(int year) => new(year, 9, 1);
    public static DateOnly YearEnd(int year) => new(year + 1, 8, 31);

    /// <summary>The school term a day falls in: autumn (Sep–Dec), spring (Jan–Mar), summer (Apr–Aug), as "2026-autumn".</summary>
    public static string TermOf(DateOnly day) => day.Month switch
    {
        >= 9 => $"{day.Year}-autumn",
        <= 3 => $"{day.Year}-spring",
        _ => $"{day.Year}-summer",
    };

    public static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
