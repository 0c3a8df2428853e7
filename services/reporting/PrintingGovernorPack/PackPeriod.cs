using System.Text.RegularExpressions;
using TrustSafety.Reporting.Periods;

namespace TrustSafety.Reporting.PrintingGovernorPack;

/// <summary>A pack's period: one month (2026-10) or one term (2026-autumn = Sep–Dec, 2027-spring = Jan–Mar, 2027-summer = Apr–Jul).</summary>
public static partial class PackPeriod
{
    public static (MonthRange? Range, string Label, Dictionary<string, string[]> Errors) Parse(string? period)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var term = TermPattern().Match(period ?? "");
        if (term.Success)
        {
            var year = int.Parse(term.Groups["year"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var (first, last) = term.Groups["term"].Value switch
            {
                "autumn" => (9, 12),
                "spring" => (1, 3),
                _ => (4, 7),
            };
            var label = $"{char.ToUpperInvariant(term.Groups["term"].Value[0])}{term.Groups["term"].Value[1..]} term {year}";
            return (new MonthRange(new DateOnly(year, first, 1), new DateOnly(year, last, 1)), label, errors);
        }
        var (range, monthErrors) = MonthRange.Parse(period, period, DateTimeOffset.UnixEpoch);
        if (string.IsNullOrWhiteSpace(period) || range is null)
        {
            errors["period"] = ["Give a month (yyyy-MM, e.g. 2026-10) or a term (yyyy-autumn, yyyy-spring, yyyy-summer)."];
            return (null, "", errors);
        }
        return (range, range.First.ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture), monthErrors);
    }

    [GeneratedRegex("^(?<year>20[0-9]{2})-(?<term>autumn|spring|summer)$", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TermPattern();
}
