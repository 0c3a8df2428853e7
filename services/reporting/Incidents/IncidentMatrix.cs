using TrustSafety.Platform;
using TrustSafety.Contracts.Reference;
using TrustSafety.Reporting.Periods;
using TrustSafety.Reporting.Suppression;

namespace TrustSafety.Reporting.Incidents;

public sealed record MonthCount(string Month, Count Count);
public sealed record CategoryCount(string Category, Count Count);
public sealed record CellCount(string Month, string Category, Count Count);
/// <summary>How many incidents a school reported in one category in one month (yyyy-MM).</summary>
public sealed record IncidentCell(string SchoolUrn, string Category, string Month, int Count);
public sealed record SchoolIncidents(string Urn, string Name, int Pupils, IReadOnlyList<CellCount> Cells,
    IReadOnlyList<MonthCount> ByMonth, IReadOnlyList<CategoryCount> ByCategory, Count Total);

/// <summary>Incidents reported per school × category × month, with every total, suppressed or not.</summary>
public sealed record IncidentMatrix(
    string From, string To, IReadOnlyList<string> Months, IReadOnlyList<string> Categories, IReadOnlyList<SchoolIncidents> Schools,
    IReadOnlyList<MonthCount> ByMonth, IReadOnlyList<CategoryCount> ByCategory, IReadOnlyList<CellCount> ByCategoryMonth, Count Total)
{
    public static IncidentMatrix Build(IReadOnlyList<School> schools, MonthRange range, IEnumerable<IncidentRow> incidents,
        SuppressionPolicy? suppression) =>
        Build(schools, range, incidents.Where(i => range.Contains(i.ReportedAt))
            .GroupBy(i => (i.SchoolUrn, i.Category, Month: MonthRange.KeyOf(i.ReportedAt)))
            .Select(g => new IncidentCell(g.Key.SchoolUrn, g.Key.Category, g.Key.Month, g.Count())).ToList(), suppression);

    public static IncidentMatrix Build(IReadOnlyList<School> schools, MonthRange range, IReadOnlyList<IncidentCell> counted,
        SuppressionPolicy? suppression)
    {
        var months = range.Months.Select(MonthRange.Key).ToList();
        var urns = schools.Select(s => s.Urn).ToList();
        var inRange = counted.Where(c => months.Contains(c.Month) && urns.Contains(c.SchoolUrn)).ToList();
        var categories = IncidentCategories.All.Append(IncidentLedger.Uncategorised)
            .Concat(inRange.Select(i => i.Category)).Distinct(StringComparer.Ordinal).ToList();

        var cells = inRange.GroupBy(i => (i.SchoolUrn, i.Category, i.Month))
            .ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        var values = new Dictionary<string, int>(StringComparer.Ordinal);
        var groups = new List<SumGroup>();
        foreach (var s in urns)
        foreach (var c in categories)
        foreach (var m in months)
            values[Cell(s, c, m)] = cells.GetValueOrDefault((s, c, m));

        void Sum(string total, IReadOnlyList<string> parts, bool acrossSchools = false)
        {
            values[total] = parts.Sum(p => values[p]);
            groups.Add(new SumGroup(total, parts, acrossSchools));
        }
        void AlsoSum(string total, IReadOnlyList<string> parts) => groups.Add(new SumGroup(total, parts));

        foreach (var s in urns)
        {
            foreach (var m in months) Sum(SchoolMonth(s, m), categories.Select(c => Cell(s, c, m)).ToList());
            foreach (var c in categories) Sum(SchoolCategory(s, c), months.Select(m => Cell(s, c, m)).ToList());
            Sum(SchoolTotal(s), months.Select(m => SchoolMonth(s, m)).ToList());
            AlsoSum(SchoolTotal(s), categories.Select(c => SchoolCategory(s, c)).ToList());
        }
        foreach (var c in categories)
        foreach (var m in months)
            Sum(CategoryMonth(c, m), urns.Select(s => Cell(s, c, m)).ToList(), acrossSchools: true);
        foreach (var m in months)
        {
            Sum(Month(m), urns.Select(s => SchoolMonth(s, m)).ToList(), acrossSchools: true);
            AlsoSum(Month(m), categories.Select(c => CategoryMonth(c, m)).ToList());
        }
        foreach (var c in categories)
        {
            Sum(Category(c), urns.Select(s => SchoolCategory(s, c)).ToList(), acrossSchools: true);
            AlsoSum(Category(c), months.Select(m => CategoryMonth(c, m)).ToList());
        }
        Sum(Grand, urns.Select(SchoolTotal).ToList(), acrossSchools: true);
        AlsoSum(Grand, months.Select(Month).ToList());
        AlsoSum(Grand, categories.Select(Category).ToList());

        var shown = suppression is null ? SmallNumberSuppression.None(values) : SmallNumberSuppression.Apply(values, groups, suppression);

        return new IncidentMatrix(months[0], months[^1], months, categories,
            schools.Select(s => new SchoolIncidents(s.Urn, s.Name, s.Pupils,
                months.SelectMany(m => categories.Select(c => new CellCount(m, c, shown[Cell(s.Urn, c, m)]))).ToList(),
                months.Select(m => new MonthCount(m, shown[SchoolMonth(s.Urn, m)])).ToList(),
                categories.Select(c => new CategoryCount(c, shown[SchoolCategory(s.Urn, c)])).ToList(),
                shown[SchoolTotal(s.Urn)])).ToList(),
            months.Select(m => new MonthCount(m, shown[Month(m)])).ToList(),
            categories.Select(c => new CategoryCount(c, shown[Category(c)])).ToList(),
            months.SelectMany(m => categories.Select(c => new CellCount(m, c, shown[CategoryMonth(c, m)]))).ToList(),
            shown[Grand]);
    }

    private static string Cell(string s, string c, string m) => $"cell|{s}|{c}|{m}";
    private static string SchoolMonth(string s, string m) => $"sm|{s}|{m}";
    private static string SchoolCategory(string s, string c) => $"sc|{s}|{c}";
    private static string SchoolTotal(string s) => $"s|{s}";
    private static string CategoryMonth(string c, string m) => $"cm|{c}|{m}";
    private static string Month(string m) => $"m|{m}";
    private static string Category(string c) => $"c|{c}";
    private const string Grand = "total";
}
