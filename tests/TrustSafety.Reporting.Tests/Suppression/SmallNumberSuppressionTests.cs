using TrustSafety.Reporting.Suppression;

namespace TrustSafety.Reporting.Tests.Suppression;

public sealed class SmallNumberSuppressionTests
{
    private static IReadOnlyDictionary<string, Count> Suppress(int[] parts)
    {
        var values = parts.Select((v, i) => ($"p{i}", v)).ToDictionary(x => x.Item1, x => x.v);
        values["total"] = parts.Sum();
        return SmallNumberSuppression.Apply(values, [new SumGroup("total", values.Keys.Where(k => k != "total").ToList())],
            SuppressionPolicy.SmallNumbers);
    }

    [Theory]
    [InlineData(new[] { 0 }, "0", "0")]
    [InlineData(new[] { 1 }, "<5", "<5")]
    [InlineData(new[] { 4 }, "<5", "<5")]
    [InlineData(new[] { 5 }, "5", "5")]
    [InlineData(new[] { 12, 30 }, "12|30", "42")]
    [InlineData(new[] { 3, 7 }, "<5|*", "10")]
    [InlineData(new[] { 3, 9, 7 }, "<5|9|*", "19")]
    [InlineData(new[] { 3, 0, 20 }, "<5|0|*", "23")]
    [InlineData(new[] { 2, 2, 20 }, "<5|<5|20", "24")]
    [InlineData(new[] { 3, 0 }, "<5|0", "<5")]
    public void counts_under_five_are_withheld_and_no_total_gives_one_away(int[] parts, string shownParts, string shownTotal)
    {
        var shown = Suppress(parts);

        string.Join('|', parts.Select((_, i) => shown[$"p{i}"].Display)).ShouldBe(shownParts);
        shown["total"].Display.ShouldBe(shownTotal);
    }

    [Fact]
    public void a_withheld_count_is_not_given_a_value()
    {
        var shown = Suppress([3, 7]);
        shown["p0"].Value.ShouldBeNull();
        shown["p1"].Value.ShouldBeNull();
        shown["total"].Value.ShouldBe(10);
    }

    [Fact]
    public void suppression_spreads_across_crossing_totals_until_no_group_has_a_single_withheld_number()
    {
        // 2 × 2 table with row, column and grand totals: a=3 b=10 / c=8 d=9
        var values = new Dictionary<string, int> { ["a"] = 3, ["b"] = 10, ["c"] = 8, ["d"] = 9 };
        values["r1"] = 13; values["r2"] = 17; values["k1"] = 11; values["k2"] = 19; values["t"] = 30;
        SumGroup[] groups =
        [
            new("r1", ["a", "b"]), new("r2", ["c", "d"]), new("k1", ["a", "c"]), new("k2", ["b", "d"]),
            new("t", ["r1", "r2"]), new("t", ["k1", "k2"]),
        ];

        var shown = SmallNumberSuppression.Apply(values, groups, SuppressionPolicy.SmallNumbers);

        foreach (var g in groups)
            g.Parts.Append(g.Total).Count(m => shown[m].Suppressed != Suppressed.None).ShouldNotBe(1, $"group {g.Total}");
        shown["a"].Display.ShouldBe("<5");
    }

    [Fact]
    public void nothing_is_withheld_without_a_policy()
    {
        var shown = SmallNumberSuppression.None(new Dictionary<string, int> { ["x"] = 2 });
        shown["x"].Display.ShouldBe("2");
    }

    [Fact]
    public void a_total_across_schools_is_withheld_before_another_schools_number()
    {
        var values = new Dictionary<string, int> { ["school-a"] = 3, ["school-b"] = 12, ["trust"] = 15 };
        var shown = SmallNumberSuppression.Apply(values, [new SumGroup("trust", ["school-a", "school-b"], PreferTotal: true)],
            SuppressionPolicy.SmallNumbers);

        shown["school-b"].Display.ShouldBe("12");
        shown["trust"].Display.ShouldBe("*");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void in_any_table_no_sum_is_left_with_exactly_one_withheld_number(int seed)
    {
        var random = new Random(seed);
        var values = new Dictionary<string, int>();
        var groups = new List<SumGroup>();
        for (var r = 0; r < 4; r++)
        for (var c = 0; c < 5; c++)
            values[$"{r},{c}"] = random.Next(0, 3) == 0 ? 0 : random.Next(1, 15);
        for (var r = 0; r < 4; r++)
        {
            var parts = Enumerable.Range(0, 5).Select(c => $"{r},{c}").ToList();
            values[$"row{r}"] = parts.Sum(p => values[p]);
            groups.Add(new SumGroup($"row{r}", parts));
        }
        for (var c = 0; c < 5; c++)
        {
            var parts = Enumerable.Range(0, 4).Select(r => $"{r},{c}").ToList();
            values[$"col{c}"] = parts.Sum(p => values[p]);
            groups.Add(new SumGroup($"col{c}", parts, PreferTotal: c % 2 == 0));
        }
        values["all"] = Enumerable.Range(0, 4).Sum(r => values[$"row{r}"]);
        groups.Add(new SumGroup("all", Enumerable.Range(0, 4).Select(r => $"row{r}").ToList(), PreferTotal: true));
        groups.Add(new SumGroup("all", Enumerable.Range(0, 5).Select(c => $"col{c}").ToList()));

        var shown = SmallNumberSuppression.Apply(values, groups, SuppressionPolicy.SmallNumbers);

        foreach (var g in groups)
            g.Parts.Append(g.Total).Count(m => shown[m].Suppressed != Suppressed.None).ShouldNotBe(1, $"sum {g.Total}");
        foreach (var (key, value) in values.Where(v => v.Value is > 0 and < 5))
            shown[key].Display.ShouldBe("<5", key);
    }
}
