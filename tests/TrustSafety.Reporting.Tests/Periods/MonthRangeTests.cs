using TrustSafety.Reporting.Periods;

namespace TrustSafety.Reporting.Tests.Periods;

public sealed class MonthRangeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-09", "2026-11", "2026-09,2026-10,2026-11")]
    [InlineData(null, null, "2026-09,2026-10,2026-11")]
    [InlineData("2026-11", null, "2026-11")]
    [InlineData(null, "2026-02", "2025-12,2026-01,2026-02")]
    public void months_are_whole_and_inclusive(string? from, string? to, string expected)
    {
        var (range, errors) = MonthRange.Parse(from, to, Now);
        errors.ShouldBeEmpty();
        string.Join(',', range!.Months.Select(MonthRange.Key)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("2026-13", "2026-11", "from")]
    [InlineData("september", "2026-11", "from")]
    [InlineData("2026-09", "2026/11", "to")]
    [InlineData("2026-12", "2026-11", "from")]
    [InlineData("2020-01", "2026-11", "to")]
    public void bad_months_name_the_field_to_fix(string from, string to, string field)
    {
        var (range, errors) = MonthRange.Parse(from, to, Now);
        range.ShouldBeNull();
        errors.Keys.ShouldContain(field);
    }

    [Fact]
    public void a_range_ends_at_the_start_of_the_month_after_its_last()
    {
        var (range, _) = MonthRange.Parse("2026-09", "2026-11", Now);
        range!.Contains(new DateTimeOffset(2026, 11, 30, 23, 59, 0, TimeSpan.Zero)).ShouldBeTrue();
        range.Contains(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)).ShouldBeFalse();
        range.Contains(new DateTimeOffset(2026, 8, 31, 23, 59, 0, TimeSpan.Zero)).ShouldBeFalse();
    }
}
