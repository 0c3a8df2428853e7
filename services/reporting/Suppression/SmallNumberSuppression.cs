namespace TrustSafety.Reporting.Suppression;

public enum Suppressed { None, Primary, Secondary }

/// <summary>A published count: <see cref="Value"/> is null when suppressed, <see cref="Display"/> is what a reader sees.</summary>
public sealed record Count(int? Value, string Display, Suppressed Suppressed)
{
    public static Count Shown(int value) => new(value, value.ToString(System.Globalization.CultureInfo.InvariantCulture), Suppressed.None);
}

/// <summary>
/// A published total and the published numbers it adds up. <see cref="PreferTotal"/>: when a second number must be
/// withheld, withhold the total rather than a part. The views do not use it: across schools the next smallest school's
/// number is withheld, so the trust's totals stay readable (README "Small numbers").
/// </summary>
public sealed record SumGroup(string Total, IReadOnlyList<string> Parts, bool PreferTotal = false);

public sealed record SuppressionPolicy(int Threshold, string PrimaryMark, string SecondaryMark, string Note)
{
    public static readonly SuppressionPolicy SmallNumbers = new(5, "<5", "*",
        "Counts of 1 to 4 are shown as <5. A number marked * is withheld so that a <5 cannot be worked out from a total.");
}

/// <summary>
/// Small-number suppression over a set of published numbers linked by sums: counts 1..threshold-1 are withheld
/// (primary); then, until stable, any sum group with exactly one withheld member gets a second one withheld
/// (secondary: the smallest non-zero part, or the total where the group prefers that), so no withheld number can be derived by subtraction.
/// </summary>
public static class SmallNumberSuppression
{
    public static IReadOnlyDictionary<string, Count> Apply(
        IReadOnlyDictionary<string, int> values, IReadOnlyList<SumGroup> groups, SuppressionPolicy policy)
    {
        var state = values.ToDictionary(kv => kv.Key,
            kv => kv.Value > 0 && kv.Value < policy.Threshold ? Suppressed.Primary : Suppressed.None, StringComparer.Ordinal);

        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var group in groups)
            {
                var members = group.Parts.Append(group.Total).ToList();
                if (members.Count(m => state[m] != Suppressed.None) != 1) continue;
                var complement = group.PreferTotal && state[group.Total] == Suppressed.None && values[group.Total] > 0
                    ? group.Total
                    : members
                    .Where(m => state[m] == Suppressed.None && values[m] > 0)
                    .Select((m, order) => (m, order))
                    .OrderBy(x => values[x.m]).ThenBy(x => x.order)
                    .Select(x => x.m)
                    .FirstOrDefault();
                if (complement is null) continue;
                state[complement] = Suppressed.Secondary;
                changed = true;
            }
        }

        return state.ToDictionary(kv => kv.Key, kv => kv.Value switch
        {
            Suppressed.Primary => new Count(null, policy.PrimaryMark, Suppressed.Primary),
            Suppressed.Secondary => new Count(null, policy.SecondaryMark, Suppressed.Secondary),
            _ => Count.Shown(values[kv.Key]),
        }, StringComparer.Ordinal);
    }

    /// <summary>Every number shown as is (a school's own staff see their detail in full).</summary>
    public static IReadOnlyDictionary<string, Count> None(IReadOnlyDictionary<string, int> values) =>
        values.ToDictionary(kv => kv.Key, kv => Count.Shown(kv.Value), StringComparer.Ordinal);
}
