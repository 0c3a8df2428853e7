using Microsoft.Extensions.Options;

namespace TrustSafety.Consent;

public sealed class ConsentOptions
{
    public const string Section = "Consent";
    /// <summary>The last day of the academic year: annual consents count up to and including it.</summary>
    public int AcademicYearEndMonth { get; set; } = 8;
    public int AcademicYearEndDay { get; set; } = 31;
    /// <summary>School dates (expiry, withdrawal days, leaving dates) are read in this zone.</summary>
    public string TimeZone { get; set; } = "Europe/London";
    public int RetentionYearsAfterLeaving { get; set; } = 3;
    public int AupGraceDays { get; set; } = 30;
    /// <summary>How often the elected replica looks for consents to expire and AUP signatures to lapse.</summary>
    public TimeSpan ClockInterval { get; set; } = TimeSpan.FromMinutes(1);
}

public static class ConsentOptionsSetup
{
    public static WebApplicationBuilder AddConsentOptions(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ConsentOptions>().BindConfiguration(ConsentOptions.Section)
            .Validate(o => o.AcademicYearEndMonth is >= 1 and <= 12 && o.AcademicYearEndDay >= 1
                    && o.AcademicYearEndDay <= DateTime.DaysInMonth(2001, o.AcademicYearEndMonth),
                "Consent:AcademicYearEndMonth/Day must be a real day of the year (e.g. 8 and 31)")
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Consent:TimeZone must be a known time zone id")
            .Validate(o => o.RetentionYearsAfterLeaving is >= 0 and <= 50, "Consent:RetentionYearsAfterLeaving must be 0-50")
            .Validate(o => o.AupGraceDays is >= 0 and <= 365, "Consent:AupGraceDays must be 0-365")
            .Validate(o => o.ClockInterval > TimeSpan.Zero, "Consent:ClockInterval must be positive")
            .ValidateOnStart();
        builder.Services.AddSingleton<SchoolCalendar>();
        return builder;
    }
}

/// <summary>School days and academic-year boundaries, with "today" from <see cref="TimeProvider"/>.</summary>
public sealed class SchoolCalendar(IOptions<ConsentOptions> options, TimeProvider time)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public ConsentOptions Options => options.Value;
    public DateTimeOffset Now => time.GetUtcNow();
    public DateOnly Today => DayOf(time.GetUtcNow());
    public DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, _zone).DateTime);

    public AcademicYear Year => new(options.Value.AcademicYearEndMonth, options.Value.AcademicYearEndDay);
}

/// <summary>The academic-year boundary: <paramref name="EndMonth"/>/<paramref name="EndDay"/> is the last day of a year.</summary>
public readonly record struct AcademicYear(int EndMonth, int EndDay)
{
    /// <summary>The last day of the academic year that contains <paramref name="day"/>.</summary>
    public DateOnly EndOfYearContaining(DateOnly day)
    {
        var end = EndIn(day.Year);
        return day <= end ? end : EndIn(day.Year + 1);
    }

    public DateOnly StartOfYearContaining(DateOnly day) => EndOfYearContaining(day).AddYears(-1).AddDays(1);

    private DateOnly EndIn(int year) => new(year, EndMonth, Math.Min(EndDay, DateTime.DaysInMonth(year, EndMonth)));
}
