namespace Aisle.Users;

/// <summary>
/// The bounded record of what one shopper was recently shown, owned by their <see cref="UserGrain"/> activation and
/// never persisted (see <see cref="IUserGrain.RecordServedAsync"/>). Not thread-safe: grain turns do not interleave.
/// </summary>
public sealed class ShownLog
{
    /// <summary>
    /// Products remembered per shopper: the largest list one request may ask for (100), so a response never evicts
    /// itself, or ten pages of the default 10. Bounded because every active shopper holds one (a few KB at most).
    /// </summary>
    public const int MaxItems = 100;

    private readonly Dictionary<string, ShownItem> _items = new(StringComparer.Ordinal);

    public int Count => _items.Count;

    /// <summary>
    /// Counts one more showing of each product at <paramref name="at"/>. A product's count starts again at 1 when its
    /// last showing is older than <paramref name="window"/> or the shopper touched it since (<paramref name="recent"/>,
    /// newest first): demotion is for items shown and ignored, in a row.
    /// </summary>
    public void Record(IEnumerable<string> productIds, DateTimeOffset at, IReadOnlyList<RecentInteraction> recent, TimeSpan window)
    {
        foreach (var id in productIds)
        {
            var item = _items.TryGetValue(id, out var held) && at - held.LastShown <= window && !TouchedAfter(recent, id, held.LastShown)
                ? new ShownItem(id, held.Times + 1, at > held.LastShown ? at : held.LastShown)
                : new ShownItem(id, 1, at);
            _items[id] = item;
        }

        foreach (var stale in _items.Values.Where(s => at - s.LastShown > window).ToArray())
        {
            _items.Remove(stale.ProductId);
        }

        if (_items.Count > MaxItems)
        {
            foreach (var oldest in _items.Values.OrderBy(s => s.LastShown).Take(_items.Count - MaxItems).ToArray())
            {
                _items.Remove(oldest.ProductId);
            }
        }
    }

    /// <summary>The products shown within <paramref name="window"/> before <paramref name="now"/>.</summary>
    public IReadOnlyList<ShownItem> Within(DateTimeOffset now, TimeSpan window) =>
        _items.Count == 0 ? [] : _items.Values.Where(s => now - s.LastShown <= window).ToArray();

    private static bool TouchedAfter(IReadOnlyList<RecentInteraction> recent, string productId, DateTimeOffset at)
    {
        foreach (var r in recent)
        {
            if (r.ProductId == productId && r.At > at)
            {
                return true;
            }
        }

        return false;
    }
}
