using TrustSafety.Platform;
using TrustSafety.Contracts.Reference;
using TrustSafety.Reporting.Incidents;
using TrustSafety.Reporting.Periods;
using TrustSafety.Reporting.Suppression;

namespace TrustSafety.Reporting.Tests.Incidents;

public sealed class IncidentMatrixTests
{
    private static readonly School A = new("1", "A", "a", 300);
    private static readonly School B = new("2", "B", "b", 300);
    private static readonly MonthRange October = MonthRange.Parse("2026-10", "2026-10", DateTimeOffset.UnixEpoch).Range!;

    private static IEnumerable<IncidentRow> Rows(string school, string category, int count) =>
        Enumerable.Range(0, count).Select(_ => new IncidentRow(Guid.NewGuid(), school, new DateTimeOffset(2026, 10, 5, 0, 0, 0, TimeSpan.Zero),
            category, null, null, false, null, null, true, null, null, false));

    [Fact]
    public void one_schools_small_number_hides_its_complement_but_leaves_the_school_totals_and_the_other_school_shown()
    {
        var rows = Rows("1", "cyberbullying", 3).Concat(Rows("1", "online-hate", 7)).Concat(Rows("2", "online-hate", 12));

        var m = IncidentMatrix.Build([A, B], October, rows, SuppressionPolicy.SmallNumbers);

        var a = m.Schools.Single(s => s.Urn == "1");
        a.Cells.Single(c => c.Category == "cyberbullying").Count.Display.ShouldBe("<5");
        a.Cells.Single(c => c.Category == "online-hate").Count.Value.ShouldBeNull();
        a.Total.Display.ShouldBe("10");
        m.Schools.Single(s => s.Urn == "2").Cells.Single(c => c.Category == "online-hate").Count.Display.ShouldBe("12");
        m.ByCategory.Single(c => c.Category == "online-hate").Count.Value.ShouldBeNull("19 - 12 would give away school A's 7");
        m.Total.Display.ShouldBe("22");
    }

    [Fact]
    public void without_a_policy_every_number_is_shown() =>
        IncidentMatrix.Build([A], October, Rows("1", "cyberbullying", 3), null)
            .Schools.Single().Cells.Single(c => c.Category == "cyberbullying").Count.Display.ShouldBe("3");

    [Fact]
    public void incidents_outside_the_range_are_not_counted() =>
        IncidentMatrix.Build([A], MonthRange.Parse("2026-11", "2026-11", DateTimeOffset.UnixEpoch).Range!, Rows("1", "other", 6), null)
            .Total.Value.ShouldBe(0);
}

public sealed class IncidentMatrixCategoryListTests
{
    private static readonly School A = new("1", "A", "a", 300);
    private static readonly MonthRange October = MonthRange.Parse("2026-10", "2026-10", DateTimeOffset.UnixEpoch).Range!;

    private static IncidentRow Row(string category) => new(Guid.NewGuid(), "1", new DateTimeOffset(2026, 10, 5, 0, 0, 0, TimeSpan.Zero),
        category, null, null, false, null, null, true, null, null, false);

    [Theory]
    [InlineData("self-harm-suicide-eating-disorder")]
    [InlineData("mental-health-concern")]
    [InlineData("inappropriate-content")]
    [InlineData("contact-with-strangers")]
    [InlineData("sharing-personal-information")]
    [InlineData("excessive-use-unsuitable-games")]
    [InlineData("fraud-phishing")]
    [InlineData("copyright-plagiarism")]
    public void an_incident_in_a_category_added_in_2026_1_is_counted_in_its_own_column(string category)
    {
        var m = IncidentMatrix.Build([A], October, Enumerable.Range(0, 6).Select(_ => Row(category)), null);
        m.Categories.ShouldContain(category);
        m.ByCategory.Single(c => c.Category == category).Count.Display.ShouldBe("6");
        m.ByCategory.Where(c => c.Category != category).ShouldAllBe(c => c.Count.Value == 0);
    }

    [Fact]
    public void every_category_of_the_current_list_is_a_column_even_with_no_incidents() =>
        IncidentMatrix.Build([A], October, Array.Empty<IncidentRow>(), null).Categories.ShouldBe(
            IncidentCategories.All.Append(IncidentLedger.Uncategorised), ignoreOrder: false);

    [Fact]
    public void an_incident_triaged_under_the_2025_1_list_keeps_its_category() =>
        IncidentMatrix.Build([A], October, Enumerable.Range(0, 5).Select(_ => Row("staff-misuse")), null)
            .ByCategory.Single(c => c.Category == "staff-misuse").Count.Display.ShouldBe("5");
}
