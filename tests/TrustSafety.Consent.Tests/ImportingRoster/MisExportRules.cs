using TrustSafety.Consent.ImportingRoster;

namespace TrustSafety.Consent.Tests.ImportingRoster;

public sealed class MisExportRules
{
    [Theory]
    [InlineData("Year 6", 6)] [InlineData("Y6", 6)] [InlineData("6", 6)] [InlineData("Reception", 0)] [InlineData("R", 0)]
    [InlineData("YR", 0)] [InlineData("Nursery", -1)] [InlineData("N1", -1)] [InlineData("-1", -1)] [InlineData("Year 13", 13)]
    [InlineData("Year 14", null)] [InlineData("Sixth", null)] [InlineData("", null)]
    public void year_groups_are_read_as_each_mis_writes_them(string text, int? expected) => MisExport.YearGroup(text).ShouldBe(expected);

    [Theory]
    [InlineData("14/03/2015", "2015-03-14")] [InlineData("4/3/2015", "2015-03-04")] [InlineData("2015-03-14", "2015-03-14")]
    [InlineData("14 Mar 2015", "2015-03-14")] [InlineData("14/03/2015 00:00:00", "2015-03-14")] [InlineData("14-03-2015", "2015-03-14")]
    [InlineData("03/14/2015", null)] [InlineData("31/02/2015", null)] [InlineData("yesterday", null)]
    public void dates_are_read_day_first(string text, string? expected) =>
        MisExport.DateOf(text).ShouldBe(expected is null ? null : DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("Y820001120010", true)] [InlineData("L820001120020", true)] [InlineData("Y82000112001A", true)]
    [InlineData("A820001120010", false)] [InlineData("Y82000112001", false)] [InlineData("y820001120010x", false)]
    public void a_upn_needs_its_check_letter(string upn, bool valid) => MisExport.IsUpn(upn).ShouldBe(valid);
}
