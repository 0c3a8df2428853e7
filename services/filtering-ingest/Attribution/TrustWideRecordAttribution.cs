using TrustSafety.FilteringIngest.Canonical;

namespace TrustSafety.FilteringIngest.Attribution;

/// <summary>A record whose identities named different schools (kind and school only: no identity values, no pupils).</summary>
public sealed record AttributionConflict(VendorRecord Record, IReadOnlyList<(string Kind, string SchoolUrn)> Named)
{
    public string Describe() => string.Join(", ", Named.Select(n => $"{n.Kind}→{n.SchoolUrn}"));
}

/// <summary>Each record's school (or Unknown), and the records left unattributed because their identities disagreed.</summary>
public sealed record RecordAttributions(IReadOnlyDictionary<VendorRecord, Attributed> ByRecord, IReadOnlyList<AttributionConflict> Conflicts);

/// <summary>
/// Attributes the records of a trust-wide batch. Every identity of every record is looked up, because a record whose
/// identities name two schools must be caught; lookups are de-duplicated per batch by (kind, value, hour) — the
/// resolver's cache key — and run a bounded number at a time.
/// </summary>
public static class TrustWideRecordAttribution
{
    public const int MaxConcurrentLookups = 16;

    /// <summary>The hour an answer is good for: a lookup and its cache entry cover one clock hour of activity.</summary>
    public static long HourOf(DateTimeOffset at) => at.ToUnixTimeSeconds() / 3600;

    /// <summary>
    /// The most specific identity that names a school wins — unless another identity names a different school: then the
    /// record stays unattributed (trust-level view), because the register's answers disagree and we never pick between schools.
    /// </summary>
    public static (Attributed Who, bool Conflict) Decide(IReadOnlyList<Attributed> mostSpecificFirst)
    {
        Attributed? first = null;
        foreach (var answer in mostSpecificFirst)
        {
            if (answer.SchoolUrn is null) continue;
            if (first is null) first = answer;
            else if (!string.Equals(first.SchoolUrn, answer.SchoolUrn, StringComparison.Ordinal)) return (Attributed.Unknown, true);
        }
        return (first ?? Attributed.Unknown, false);
    }

    public static async Task<RecordAttributions> AttributeAsync(IReadOnlyCollection<VendorRecord> records,
        Func<AttributionKey, DateTimeOffset, CancellationToken, Task<Attributed>> resolve, CancellationToken ct)
    {
        var identities = records.Select(r => (Record: r, Hour: HourOf(r.OccurredAt), Keys: AttributionKey.Of(r))).ToList();
        var asked = new Dictionary<(AttributionKey Key, long Hour), DateTimeOffset>();
        foreach (var (record, hour, keys) in identities)
            foreach (var key in keys) asked.TryAdd((key, hour), record.OccurredAt);

        var lookups = asked.ToArray();
        var answers = new Attributed[lookups.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, lookups.Length),
            new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentLookups, CancellationToken = ct },
            async (i, token) => answers[i] = await resolve(lookups[i].Key.Key, lookups[i].Value, token));
        var answered = new Dictionary<(AttributionKey, long), Attributed>(lookups.Length);
        for (var i = 0; i < lookups.Length; i++) answered[lookups[i].Key] = answers[i];

        var byRecord = new Dictionary<VendorRecord, Attributed>(records.Count, ReferenceEqualityComparer.Instance);
        var conflicts = new List<AttributionConflict>();
        foreach (var (record, hour, keys) in identities)
        {
            var said = keys.Select(k => (k.Kind, Answer: answered[(k, hour)])).ToList();
            var (who, conflict) = Decide(said.Select(s => s.Answer).ToList());
            byRecord[record] = who;
            if (conflict)
                conflicts.Add(new AttributionConflict(record,
                    said.Where(s => s.Answer.SchoolUrn is not null).Select(s => (s.Kind, s.Answer.SchoolUrn!)).ToList()));
        }
        return new RecordAttributions(byRecord, conflicts);
    }
}
