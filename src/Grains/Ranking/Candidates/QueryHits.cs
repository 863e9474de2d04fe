using Aisle.Catalog;
using Aisle.Retrieval;

namespace Aisle.Ranking.Candidates;

/// <summary>
/// A search's vector and lexical hits, kept per query text (<see cref="HitListCache{TKey}"/>) and filtered per request.
/// Storefront searches repeat — the same words with another price band, brand or page — and the scan of every vector
/// and BM25 over every matching document depend on the words alone. The answers are the ones the filtered searches
/// give: when the kept hits cannot tell, the filtered search runs.
/// </summary>
public sealed class QueryHits(CatalogReplica catalog, CatalogIndexes indexes, ContentCandidates content)
{
    /// <summary>Hits kept per query text and source: three times what a search takes, for filters to eat into.</summary>
    public const int Kept = 300;

    /// <summary>Query texts kept at once (~2.4 kB per text and source).</summary>
    public const int MaxQueries = 10_000;

    /// <summary>Hits kept per query text and source when <see cref="Kept"/> could not answer a filtered read.</summary>
    public const int DeepKept = 2_000;

    /// <summary>Query texts whose deep lists are kept at once (~16 kB per text and source).</summary>
    public const int MaxDeepQueries = 1_000;

    private readonly TieredHitLists<string> _vector = new(catalog, Kept, MaxQueries, DeepKept, MaxDeepQueries);
    private readonly TieredHitLists<string> _lexical = new(catalog, Kept, MaxQueries, DeepKept, MaxDeepQueries);

    /// <summary>The top <paramref name="k"/> products by cosine to <paramref name="query"/> (the embedding of
    /// <paramref name="text"/>) that pass the filter.</summary>
    public async Task<IReadOnlyList<int>> VectorAsync(string text, float[] query, ProductFilter filter, int k, CancellationToken cancellationToken)
    {
        bool Accept(int row) => filter.Accepts(catalog, row);
        var hits = await _vector.ReadAsync(text, k, Accept,
            async (kept, ct) => Rows(await content.ScanAsync("search", query, kept, VectorFilter.None, ct)), cancellationToken);
        if (hits is not null)
        {
            return hits.Select(h => h.Row).ToArray();
        }

        // The index filters by the same conditions during its scan, but its copy of price and stock may trail the
        // replica's (a remote store hears changes through a queue): when the replica drops some of what it returns,
        // ask it for more until k pass or it has nothing more.
        var indexed = filter.ToVectorFilter();
        for (var take = k; ; take *= 4)
        {
            var rows = Rows(await content.ScanAsync("search", query, take, indexed, cancellationToken));
            var passing = rows.Where(h => Accept(h.Row)).Take(k).Select(h => h.Row).ToArray();
            if (passing.Length == k || rows.Length < take)
            {
                return passing;
            }
        }
    }

    /// <summary>The top <paramref name="k"/> products by BM25 for <paramref name="words"/> that pass the filter.</summary>
    public async Task<IReadOnlyList<int>> LexicalAsync(string words, ProductFilter filter, int k, CancellationToken cancellationToken)
    {
        bool Accept(int row) => filter.Accepts(catalog, row);
        var hits = await _lexical.ReadAsync(words, k, Accept, (kept, _) => ValueTask.FromResult(Rows(indexes.Lexical.Search(words, kept))), cancellationToken)
                   ?? Rows(indexes.Lexical.Search(words, k, id => catalog.TryGetRow(id, out var row) && Accept(row))).ToList();
        return hits.Select(h => h.Row).ToArray();
    }

    private (int Row, float Score)[] Rows(IReadOnlyList<VectorHit> hits) => HitRows.Of(catalog, hits.Select(h => (h.Id, h.Score)));

    private (int Row, float Score)[] Rows(IReadOnlyList<LexicalHit> hits) => HitRows.Of(catalog, hits.Select(h => (h.Id, h.Score)));
}
