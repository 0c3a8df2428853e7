namespace TrustSafety.Reporting.Rollups;

/// <summary>
/// Report-to-triage times as a mergeable summary: counts in fixed buckets, so months and schools add up element by
/// element. Buckets are 6 minutes wide under 2 h, 15 minutes under 8 h, 1 h under 2 days, 6 h under a week and a day
/// under 30 days; a percentile is the lower edge of the bucket it falls in, so it is exact to the tenth of an hour
/// the views show for the times that matter (the first hours) and within a bucket beyond.
/// </summary>
public static class TriageHistogram
{
    private static readonly double[] Edges = BuildEdges();

    public static int Buckets => Edges.Length;

    private static double[] BuildEdges()
    {
        var edges = new List<double>();
        void Step(double from, double to, double width)
        {
            for (var h = from; h < to - 1e-9; h += width) edges.Add(Math.Round(h, 4));
        }
        Step(0, 2, 0.1);
        Step(2, 8, 0.25);
        Step(8, 48, 1);
        Step(48, 168, 6);
        Step(168, 720, 24);
        edges.Add(720);
        return [.. edges];
    }

    public static int BucketOf(double hours)
    {
        hours = Math.Max(0, hours);
        var i = Array.BinarySearch(Edges, Math.Round(hours, 4));
        return i >= 0 ? i : Math.Max(0, ~i - 1);
    }

    public static int[] Empty() => new int[Buckets];

    public static int[] One(double hours)
    {
        var h = Empty();
        h[BucketOf(hours)] = 1;
        return h;
    }

    public static void Add(int[] into, IReadOnlyList<int>? other, int sign = 1)
    {
        if (other is null) return;
        for (var i = 0; i < Math.Min(into.Length, other.Count); i++) into[i] += sign * other[i];
    }

    public static int Count(IReadOnlyList<int> histogram) => histogram.Sum();

    /// <summary>The same rule as over a sorted list: the value at position ceil(p·n), rounded to a tenth of an hour.</summary>
    public static double? Percentile(IReadOnlyList<int> histogram, double p)
    {
        var n = Count(histogram);
        if (n <= 0) return null;
        var rank = Math.Clamp((int)Math.Ceiling(p * n), 1, n);
        var seen = 0;
        for (var i = 0; i < histogram.Count; i++)
        {
            seen += histogram[i];
            if (seen >= rank) return Math.Round(Edges[i], 1);
        }
        return Math.Round(Edges[^1], 1);
    }
}
