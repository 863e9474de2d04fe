using System.Collections.Concurrent;
using Aisle.Catalog;

namespace Aisle.Ranking.Candidates;

/// <summary>
/// Ranked hit lists (catalog row, score) kept unfiltered per key and filtered when read. The expensive part of a
/// retrieval — a scan of every vector, BM25 over every matching document — depends only on the key (a product, a
/// query's words), while what a request may see (stock, price, category, the shopper's exclusions) changes by the
/// request; so the list is computed once, <c>kept</c> long, and each read takes the best hits that pass. When
/// fewer than asked pass and the list was cut at <c>kept</c>, the answer may lie beyond it: the read returns
/// null and the caller runs its filtered retrieval, so a cached answer is always the one the filtered one would give.
/// </summary>
public sealed class HitListCache<TKey>(CatalogReplica catalog, int kept, int maxKeys) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, (int Row, float Score)[]> _lists = new();
    private string _fingerprint = "";

    /// <summary>The best <paramref name="k"/> hits of <paramref name="key"/>'s list that <paramref name="accept"/>,
    /// fetching the list with <paramref name="fetch"/> (asked for <c>kept</c> unfiltered hits) the first time;
    /// null when the kept list cannot tell.</summary>
    public async ValueTask<List<(int Row, float Score)>?> ReadAsync(
        TKey key, int k, Func<int, bool> accept, Func<int, CancellationToken, ValueTask<(int Row, float Score)[]>> fetch, CancellationToken cancellationToken)
    {
        var list = await ListAsync(key, fetch, cancellationToken);
        var result = new List<(int Row, float Score)>(Math.Min(k, list.Length));
        foreach (var hit in list)
        {
            if (accept(hit.Row))
            {
                result.Add(hit);
                if (result.Count == k)
                {
                    return result;
                }
            }
        }

        return list.Length < kept ? result : null;
    }

    /// <summary><paramref name="key"/>'s whole kept list, unfiltered, best first (fetched the first time).</summary>
    public async ValueTask<(int Row, float Score)[]> ListAsync(
        TKey key, Func<int, CancellationToken, ValueTask<(int Row, float Score)[]>> fetch, CancellationToken cancellationToken)
    {
        if (!ReferenceEquals(Volatile.Read(ref _fingerprint), catalog.Fingerprint))
        {
            // Another catalog was loaded: its rows are other products.
            _lists.Clear();
            Volatile.Write(ref _fingerprint, catalog.Fingerprint);
        }

        if (!_lists.TryGetValue(key, out var list))
        {
            list = await fetch(kept, cancellationToken);
            if (_lists.Count >= maxKeys)
            {
                // Crude but bounded: starting over is cheaper than tracking recency on every read.
                _lists.Clear();
            }

            _lists[key] = list;
        }

        return list;
    }
}
