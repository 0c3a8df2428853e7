namespace TrustSafety.Testing;

/// <summary>
/// What a fixture started (servers, hosts, proxies), disposed in the reverse order they were started: the gateway before
/// the services it calls, the services before their database and broker.
/// </summary>
public sealed class Owned : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _items = [];

    /// <summary>Keeps <paramref name="item"/> to dispose with the rest; returns it.</summary>
    public T Add<T>(T item) where T : IAsyncDisposable
    {
        _items.Add(item);
        return item;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _items.Count - 1; i >= 0; i--) await _items[i].DisposeAsync();
        _items.Clear();
    }
}
