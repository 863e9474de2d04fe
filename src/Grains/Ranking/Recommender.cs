using Aisle.Catalog;
using Aisle.Observability;
using Aisle.Query;
using Aisle.Recommendations;
using Aisle.Retrieval;
using Aisle.Users;

namespace Aisle.Ranking;

/// <summary>
/// The read pipelines — understand, candidates, filter, score, diversify, explain — over this silo's replica and
/// indexes. Grain-free, so it is tested and benchmarked directly; the recommendation grain only feeds it profiles.
/// </summary>
public sealed class Recommender(
    CatalogReplica catalog,
    CatalogIndexes indexes,
    IVectorIndex vectors,
    QueryEmbedder embedder,
    TimeProvider clock)
{
    /// <summary>Candidates taken from each retrieval source before fusion.</summary>
    public const int CandidatesPerSource = 100;

    private RankingOptions Weights => catalog.Options;

    public async Task<RankedList> SearchAsync(SearchRequest request, UserProfile? profile, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        ParsedQuery parsed;
        using (AisleMetrics.Stage("search", "understand"))
        {
            parsed = indexes.Understanding.Parse(request.Query);
        }

        var filter = new ProductFilter(
            request.Category ?? parsed.Category,
            request.Brand ?? parsed.Brand,
            request.MinPrice ?? parsed.MinPrice,
            request.MaxPrice ?? parsed.MaxPrice,
            request.InStockOnly,
            parsed.Gender);
        var text = string.IsNullOrWhiteSpace(parsed.Text) ? request.Query : parsed.Text;

        var candidates = new CandidateSet();
        if (string.IsNullOrWhiteSpace(text))
        {
            // No words left (e.g. "under 500"): browse what the filters allow, most popular first.
            candidates.Add(Explainer.Trending, TopByPopularity(filter, CandidatesPerSource, now));
        }
        else
        {
            IReadOnlyList<VectorHit> semantic;
            using (AisleMetrics.Stage("search", "vector"))
            {
                var query = await embedder.EmbedAsync(text, cancellationToken);
                semantic = await ScanAsync("search", query, CandidatesPerSource, filter.ToVectorFilter(), cancellationToken);
            }

            IReadOnlyList<LexicalHit> lexical;
            using (AisleMetrics.Stage("search", "lexical"))
            {
                // Once the gender is a filter, "men" in the text would only make BM25 score thousands of products
                // that the filter then checks one by one.
                var words = parsed.Gender is null ? text : string.Join(' ', QueryTokens.Split(text).Where(t => Genders.Of(t) is null));
                lexical = indexes.Lexical.Search(words, CandidatesPerSource, id => catalog.TryGetRow(id, out var row) && filter.Accepts(catalog, row));
            }

            using (AisleMetrics.Stage("search", "fuse"))
            {
                var semanticIds = semantic.Where(h => catalog.TryGetRow(h.Id, out var row) && filter.Accepts(catalog, row)).Select(h => h.Id).ToArray();
                var fused = HybridFusion.Fuse(
                [
                    new SourceRanking(Explainer.Vector, 1.0, semanticIds),
                    new SourceRanking(Explainer.Lexical, 1.0, lexical.Select(h => h.Id).ToArray()),
                ]);
                var best = fused.Count > 0 ? fused[0].Score : 0;
                foreach (var hit in fused)
                {
                    if (catalog.TryGetRow(hit.Id, out var row))
                    {
                        candidates.Add(row, best > 0 ? hit.Score / best : 0, hit.Sources.Select(source => source.Source));
                    }
                }
            }
        }

        AisleMetrics.Searches.Inc();
        var understood = new QueryUnderstood(text, filter.MinPrice, filter.MaxPrice, filter.Brand, filter.Category, parsed.Gender, parsed.Notes);
        return new RankedList(Rank("search", candidates, profile, request.Limit, now, understood), understood);
    }

    public async Task<RankedList?> SimilarAsync(string productId, UserProfile? profile, int limit, CancellationToken cancellationToken = default)
    {
        if (!catalog.TryGetRow(productId, out var anchor))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var product = catalog.Product(anchor);
        var candidates = new CandidateSet();
        using (AisleMetrics.Stage("similar", "candidates"))
        {
            var exclude = new HashSet<string>(StringComparer.Ordinal) { productId };
            var hits = await ScanAsync("similar", catalog.Vector(anchor), CandidatesPerSource, new VectorFilter(InStockOnly: true, ExcludeIds: exclude), cancellationToken);
            candidates.Add(Explainer.Similar, Rows(hits), product.Name);
            candidates.Add(Explainer.Neighbours, NeighbourRows(anchor, exclude), product.Name);
        }

        AisleMetrics.Recommendations.WithLabels("similar").Inc();
        return new RankedList(Rank("similar", candidates, profile, limit, now));
    }

    public async Task<RankedList> RecommendAsync(UserProfile profile, int limit, CancellationToken cancellationToken = default)
    {
        if (profile.IsCold || profile.Recent.Count == 0)
        {
            AisleMetrics.Recommendations.WithLabels("cold_start").Inc();
            return Trending(null, limit);
        }

        var now = clock.GetUtcNow();
        var exclude = new HashSet<string>(profile.Purchased, StringComparer.Ordinal);
        foreach (var recent in profile.Recent)
        {
            exclude.Add(recent.ProductId);
        }

        var candidates = new CandidateSet();
        using (AisleMetrics.Stage("recommend", "candidates"))
        {
            var filter = new VectorFilter(InStockOnly: true, ExcludeIds: exclude);
            if (profile.Taste is { } taste)
            {
                candidates.Add(Explainer.Taste, Rows(await ScanAsync("recommend", taste, CandidatesPerSource, filter, cancellationToken)));
            }

            // The latest few distinct items: what they are seen with, and what looks like them.
            foreach (var recentId in profile.Recent.Select(r => r.ProductId).Distinct().Take(3))
            {
                if (!catalog.TryGetRow(recentId, out var row))
                {
                    continue;
                }

                var name = catalog.Product(row).Name;
                candidates.Add(Explainer.Neighbours, NeighbourRows(row, exclude), name);
                candidates.Add(Explainer.Similar, Rows(await ScanAsync("recommend", catalog.Vector(row), 30, filter, cancellationToken)), name);
            }

            foreach (var category in profile.CategoryAffinity.Where(c => c.Key.Contains(" > ", StringComparison.Ordinal))
                         .OrderByDescending(c => c.Value).Take(2))
            {
                candidates.Add(Explainer.Trending, TopByPopularity(new ProductFilter(category.Key, InStockOnly: true, ExcludeIds: exclude), 30, now));
            }
        }

        AisleMetrics.Recommendations.WithLabels("personal").Inc();
        return new RankedList(Rank("recommend", candidates, profile, limit, now));
    }

    public RankedList Trending(string? category, int limit)
    {
        var now = clock.GetUtcNow();
        var candidates = new CandidateSet();
        using (AisleMetrics.Stage("trending", "candidates"))
        {
            candidates.Add(Explainer.Trending, TopByPopularity(new ProductFilter(category, InStockOnly: true), Math.Max(limit * 3, 50), now));
        }

        AisleMetrics.Recommendations.WithLabels("trending").Inc();
        return new RankedList(Rank("trending", candidates, null, limit, now));
    }

    public RankedItem Describe(int row, double score, IReadOnlyList<string> reasons, IReadOnlyList<string> sources)
    {
        var p = catalog.Product(row);
        var price = catalog.Price(row);
        return new RankedItem(
            p.Id, p.Name, p.Brand, p.Category, price is { } v ? (decimal)v : null, p.RetailPrice,
            catalog.Stock(row), p.Rating, Math.Round(score, 4), reasons, sources);
    }

    private IReadOnlyList<RankedItem> Rank(string pipeline, CandidateSet candidates, UserProfile? profile, int limit, DateTimeOffset now, QueryUnderstood? query = null)
    {
        List<ScoredCandidate> scored;
        using (AisleMetrics.Stage(pipeline, "score"))
        {
            scored = new Scorer(catalog, Weights).Score(candidates.All, profile, now);
        }

        List<ScoredCandidate> page;
        using (AisleMetrics.Stage(pipeline, "diversify"))
        {
            // Products without a brand are grouped by their full category path, which in this catalog usually
            // ends in a brand node ("Timewel Wrist Watches"), so they cannot flood a page either.
            page = Diversifier.Take(scored, limit, Weights.MaxPerBrand, row => catalog.Product(row).Brand ?? catalog.Product(row).Category);
        }

        AisleMetrics.Shown(pipeline, page.Count);
        using (AisleMetrics.Stage(pipeline, "explain"))
        {
            var explainer = new Explainer(catalog);
            return page.Select(s => Describe(s.Candidate.Row, s.Score, explainer.Explain(s, profile, query), s.Candidate.Sources)).ToArray();
        }
    }

    private async Task<IReadOnlyList<VectorHit>> ScanAsync(string pipeline, ReadOnlyMemory<float> query, int k, VectorFilter filter, CancellationToken cancellationToken)
    {
        using (AisleMetrics.VectorScan(pipeline))
        {
            return await vectors.SearchAsync(query, k, filter, cancellationToken);
        }
    }

    /// <summary>Products passing <paramref name="filter"/> by live popularity, with rating and discount as a quiet prior
    /// so a catalog with no traffic yet still shows its best-rated items first.</summary>
    private List<(int Row, double Score)> TopByPopularity(ProductFilter filter, int count, DateTimeOffset now)
    {
        var top = new PriorityQueue<int, double>(count + 1);
        var rows = filter.Category is null ? null : catalog.RowsIn(filter.Category);
        var total = rows?.Length ?? catalog.Count;
        for (var i = 0; i < total; i++)
        {
            var row = rows?[i] ?? i;
            if (!filter.Accepts(catalog, row))
            {
                continue;
            }

            var product = catalog.Product(row);
            var prior = 0.01 * ((product.Rating ?? 0) / 5.0) + 0.001 * (product.Price is null ? 0 : 1);
            var score = catalog.Popularity(row, now) + prior;
            top.Enqueue(row, score);
            if (top.Count > count)
            {
                top.Dequeue();
            }
        }

        var result = new List<(int, double)>(top.Count);
        while (top.TryDequeue(out var row, out var score))
        {
            result.Add((row, score));
        }

        result.Reverse();
        return result;
    }

    private List<(int Row, double Score)> NeighbourRows(int row, IReadOnlySet<string> exclude)
    {
        var neighbours = catalog.Neighbours(row);
        var result = new List<(int, double)>(neighbours.Count);
        for (var i = 0; i < neighbours.Count; i++)
        {
            if (!exclude.Contains(neighbours[i]) && catalog.TryGetRow(neighbours[i], out var n) && catalog.Stock(n) > 0)
            {
                // Rank-based strength: the strongest neighbour 1, then 1/2, 1/3…
                result.Add((n, 1.0 / (i + 1)));
            }
        }

        return result;
    }

    private List<(int Row, double Score)> Rows(IReadOnlyList<VectorHit> hits)
    {
        var result = new List<(int, double)>(hits.Count);
        foreach (var hit in hits)
        {
            if (catalog.TryGetRow(hit.Id, out var row))
            {
                result.Add((row, Math.Max(0, hit.Score)));
            }
        }

        return result;
    }
}
