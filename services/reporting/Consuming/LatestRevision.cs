using Marten;

namespace TrustSafety.Reporting.Consuming;

/// <summary>
/// Facts another service sends whole and in any order ("latest revision wins"): for each key the latest revision stands,
/// and an older one arriving after it changes nothing.
/// </summary>
public static class LatestRevision
{
    /// <summary>Stages <paramref name="fact"/> under <paramref name="id"/> unless the one kept there is later.</summary>
    public static async Task KeepAsync<TFact, TRevision>(IDocumentSession session, string id, TFact fact, Func<TFact, TRevision> revision,
        CancellationToken ct) where TFact : class where TRevision : IComparable<TRevision>
    {
        if (await session.LoadAsync<TFact>(id, ct) is { } known && revision(known).CompareTo(revision(fact)) > 0) return;
        session.Store(fact);
    }

    /// <summary>The latest revision of each key, where several are kept side by side (one document per revision).</summary>
    public static IReadOnlyList<TFact> PerKey<TFact, TKey, TRevision>(IEnumerable<TFact> facts, Func<TFact, TKey> key, Func<TFact, TRevision> revision) =>
        facts.GroupBy(key).Select(g => g.MaxBy(revision)!).ToList();
}
