using Aisle.Catalog;

namespace Aisle.Ranking.Candidates;

/// <summary>
/// Hit lists kept at two depths: a short list for every key, and a deep one only for the keys whose short list could
/// not answer a read — a query searched with a narrow filter (a brand, a price band, a small category) whose best
/// hits mostly fail it. Without the deep list such a read ran the filtered retrieval again on every request (issue
/// 11: a filtered BM25 with a per-document callback was the search mix's largest cost); with it, the retrieval runs
/// once per key and depth. Still null when neither list can tell, so the caller's filtered retrieval keeps the answer
/// exact.
/// </summary>
public sealed class TieredHitLists<TKey>(CatalogReplica catalog, int kept, int maxKeys, int deepKept, int maxDeepKeys) where TKey : notnull
{
    private readonly HitListCache<TKey> _short = new(catalog, kept, maxKeys);
    private readonly HitListCache<TKey> _deep = new(catalog, deepKept, maxDeepKeys);

    /// <summary>The best <paramref name="k"/> hits of <paramref name="key"/> that <paramref name="accept"/>, from the
    /// short list, else the deep one; <paramref name="fetch"/> is asked for as many unfiltered hits as the depth.</summary>
    public async ValueTask<List<(int Row, float Score)>?> ReadAsync(
        TKey key, int k, Func<int, bool> accept, Func<int, CancellationToken, ValueTask<(int Row, float Score)[]>> fetch, CancellationToken cancellationToken) =>
        await _short.ReadAsync(key, k, accept, fetch, cancellationToken)
        ?? await _deep.ReadAsync(key, k, accept, fetch, cancellationToken);
}
