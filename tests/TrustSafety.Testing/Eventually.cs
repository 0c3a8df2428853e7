namespace TrustSafety.Testing;

/// <summary>Polls for a condition with a deadline instead of sleeping for async work.</summary>
public static class Eventually
{
    public static async Task<T> Returns<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? within = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        T last = await probe();
        while (!done(last))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Condition not met within {(within ?? TimeSpan.FromSeconds(20)).TotalSeconds} s: {what ?? "(unnamed)"}; last value: {Describe(last)}");
            await Task.Delay(100);
            last = await probe();
        }
        return last;
    }

    /// <summary>A collection by its count (its type name says nothing), anything else as it prints.</summary>
    private static string Describe<T>(T value) =>
        value is System.Collections.ICollection collection ? $"{collection.Count} items" : $"{value}";

    public static Task True(Func<Task<bool>> probe, TimeSpan? within = null, string? what = null) =>
        Returns(probe, x => x, within, what);
}
