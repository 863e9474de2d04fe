using System.Numerics.Tensors;
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
    TimeProvider clock,
    BusinessRules? rules = null,
    RankingProfile? defaults = null)
{
    /// <summary>Candidates taken from each retrieval source before fusion.</summary>
    public const int CandidatesPerSource = 100;

    private readonly PopularityRanking _popularity = new(catalog, clock);

    private RankingOptions Weights => catalog.Options;

    /// <summary>The profile lists are ranked with when the caller names none (trending; configuration's weights).</summary>
    public RankingProfile Defaults { get; } = defaults ?? RankingProfile.Default;

    /// <param name="ranking">The profile to rank with; a non-personalized one (<see cref="RecommendationStrategy.Popular"/>)
    /// ignores <paramref name="profile"/>.</param>
    public async Task<RankedList> SearchAsync(SearchRequest request, UserProfile? profile, RankingProfile? ranking = null, CancellationToken cancellationToken = default)
    {
        ranking ??= Defaults;
        profile = ranking.Personalized ? profile : null;
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
        return new RankedList(Rank("search", candidates, profile, request.Limit, now, ranking, query: understood), understood);
    }

    public async Task<RankedList?> SimilarAsync(string productId, UserProfile? profile, int limit, RankingProfile? ranking = null, CancellationToken cancellationToken = default)
    {
        ranking ??= Defaults;
        profile = ranking.Personalized ? profile : null;
        if (!catalog.TryGetRow(productId, out var anchor))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var product = catalog.Product(anchor);
        var candidates = new CandidateSet();
        using (AisleMetrics.Stage("similar", "candidates"))
        {
            // A blend: what shoppers touched with this product first (relevance 1 for the strongest link, plus its
            // content similarity), then what looks like it. A new product with no links yet gets its content neighbours.
            var exclude = new HashSet<string>(StringComparer.Ordinal) { productId };
            var hits = await ScanAsync("similar", catalog.Vector(anchor), CandidatesPerSource, new VectorFilter(InStockOnly: true, ExcludeIds: exclude), cancellationToken);
            foreach (var hit in hits)
            {
                if (catalog.TryGetRow(hit.Id, out var row))
                {
                    candidates.Add(row, Weights.ContentWeight * Math.Max(0, hit.Score), [Explainer.Similar], product.Name);
                }
            }

            AddBehaviour(candidates, [anchor], exclude, Weights, Weights.ContentWeight, coInteraction: true, transitions: true);
        }

        AisleMetrics.Recommendations.WithLabels("similar").Inc();
        return new RankedList(Rank("similar", candidates, profile, limit, now, ranking));
    }

    /// <summary>Content candidates taken per anchor from the vector index.</summary>
    public const int ContentCandidates = 50;

    /// <param name="ranking">Strategy and score weights (an experiment variant's); <see cref="Defaults"/> when null.</param>
    /// <param name="options">Behaviour-scoring settings for this call (an offline evaluation tuning them); the silo's when null.</param>
    public async Task<RankedList> RecommendAsync(
        UserProfile profile, int limit, RankingProfile? ranking = null, RankingOptions? options = null, CancellationToken cancellationToken = default)
    {
        ranking ??= Defaults;
        options ??= Weights;
        var strategy = ranking.Strategy;
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

        var anchors = new List<int>(options.RecentAnchors);
        foreach (var recentId in profile.Recent.Select(r => r.ProductId).Distinct())
        {
            if (anchors.Count == Math.Max(1, options.RecentAnchors))
            {
                break;
            }

            if (catalog.TryGetRow(recentId, out var row))
            {
                anchors.Add(row);
            }
        }

        var candidates = new CandidateSet();
        using (AisleMetrics.Stage("recommend", "candidates"))
        {
            var filter = new VectorFilter(InStockOnly: true, ExcludeIds: exclude);
            switch (strategy)
            {
                case RecommendationStrategy.Popular:
                    candidates.Add(Explainer.Trending, TopByPopularity(new ProductFilter(InStockOnly: true, ExcludeIds: exclude), limit, now));
                    break;
                case RecommendationStrategy.CoInteraction or RecommendationStrategy.Sequential:
                    AddBehaviour(candidates, anchors, exclude, options, 0,
                        coInteraction: strategy == RecommendationStrategy.CoInteraction, transitions: strategy == RecommendationStrategy.Sequential);
                    break;
                case RecommendationStrategy.Content:
                    await AddContentAsync(candidates, anchors, profile.Taste, filter, 1.0, cancellationToken);
                    break;
                default:
                    await AddContentAsync(candidates, anchors, profile.Taste, filter, options.ContentWeight, cancellationToken);
                    AddBehaviour(candidates, anchors, exclude, options, options.ContentWeight, coInteraction: true, transitions: true);
                    if (options.PopularFill > 0)
                    {
                        var popular = TopByPopularity(new ProductFilter(InStockOnly: true, ExcludeIds: exclude), limit, now);
                        var best = popular.Count > 0 ? popular[0].Score : 0;
                        foreach (var (row, score) in popular)
                        {
                            candidates.Add(row, options.PopularFill * (best > 0 ? score / best : 0), [Explainer.Trending]);
                        }
                    }

                    foreach (var category in profile.CategoryAffinity.Where(c => c.Key.Contains(" > ", StringComparison.Ordinal))
                                 .OrderByDescending(c => c.Value).Take(2))
                    {
                        candidates.Add(Explainer.Trending, TopByPopularity(new ProductFilter(category.Key, InStockOnly: true, ExcludeIds: exclude), 30, now),
                            weight: options.PopularFill);
                    }

                    break;
            }
        }

        AisleMetrics.Recommendations.WithLabels(strategy == RecommendationStrategy.Hybrid ? "personal" : strategy.ToString().ToLowerInvariant()).Inc();
        var scoring = strategy == RecommendationStrategy.Hybrid ? ranking : ranking.RelevanceOnly();
        return new RankedList(Rank("recommend", candidates, profile, limit, now, scoring, options, shown: ShownDemotion.Factors(profile, now, options)));
    }

    /// <summary>Co-interaction and transition candidates of the anchors; relevance is the behaviour score over the best
    /// one, plus <paramref name="contentWeight"/> × content similarity to the latest anchor.</summary>
    private void AddBehaviour(CandidateSet candidates, IReadOnlyList<int> anchors, IReadOnlySet<string> exclude, RankingOptions options,
        double contentWeight, bool coInteraction, bool transitions)
    {
        var scores = BehaviourScores.Compute(catalog, anchors, exclude, options, coInteraction, transitions);
        var best = scores.Count > 0 ? scores.Values.Max(v => v.Score) : 0;
        if (best <= 0)
        {
            return;
        }

        var latest = anchors.Count > 0 ? catalog.Vector(anchors[0]) : null;
        foreach (var (row, (score, because)) in scores)
        {
            var content = latest is null || contentWeight <= 0 ? 0 : Math.Max(0, TensorPrimitives.Dot(latest, catalog.Vector(row)));
            var followed = transitions && catalog.Next(because).Contains(catalog.Product(row).Id);
            candidates.Add(row, score / best + contentWeight * content,
                followed ? [Explainer.Neighbours, Explainer.Next] : [Explainer.Neighbours], catalog.Product(because).Name);
        }
    }

    /// <summary>Products close to the latest anchor (relevance = weight × cosine) and to the shopper's taste.</summary>
    private async Task AddContentAsync(CandidateSet candidates, IReadOnlyList<int> anchors, float[]? taste, VectorFilter filter, double weight,
        CancellationToken cancellationToken)
    {
        if (anchors.Count > 0)
        {
            var name = catalog.Product(anchors[0]).Name;
            foreach (var hit in await ScanAsync("recommend", catalog.Vector(anchors[0]), ContentCandidates, filter, cancellationToken))
            {
                if (catalog.TryGetRow(hit.Id, out var row))
                {
                    candidates.Add(row, weight * Math.Max(0, hit.Score), [Explainer.Similar], name);
                }
            }
        }

        if (taste is not null)
        {
            foreach (var hit in await ScanAsync("recommend", taste, ContentCandidates, filter, cancellationToken))
            {
                if (catalog.TryGetRow(hit.Id, out var row))
                {
                    candidates.Add(row, weight * Math.Max(0, hit.Score), [Explainer.Taste]);
                }
            }
        }
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
        return new RankedList(Rank("trending", candidates, null, limit, now, Defaults));
    }

    public RankedItem Describe(int row, double score, IReadOnlyList<string> reasons, IReadOnlyList<string> sources)
    {
        var p = catalog.Product(row);
        var price = catalog.Price(row);
        return new RankedItem(
            p.Id, p.Name, p.Brand, p.Category, price is { } v ? (decimal)v : null, p.RetailPrice,
            catalog.Stock(row), p.Rating, Math.Round(score, 4), reasons, sources, p.ImageUrl);
    }

    private IReadOnlyList<RankedItem> Rank(
        string pipeline, CandidateSet candidates, UserProfile? profile, int limit, DateTimeOffset now, RankingProfile weights,
        RankingOptions? options = null, QueryUnderstood? query = null, IReadOnlyDictionary<string, double>? shown = null)
    {
        var diversity = options ?? Weights;
        List<ScoredCandidate> scored;
        using (AisleMetrics.Stage(pipeline, "score"))
        {
            // Shown items are demoted before the rules, so a pin or boost still holds however often the item was shown.
            scored = new Scorer(catalog, weights).Score(candidates.All, profile, now, shown);
            if (rules is not null)
            {
                scored = rules.Apply(catalog, scored);
            }
        }

        List<ScoredCandidate> page;
        using (AisleMetrics.Stage(pipeline, "diversify"))
        {
            // Products without a brand are grouped by their full category path, which in this catalog usually
            // ends in a brand node ("Timewel Wrist Watches"), so they cannot flood a page either.
            page = Diversifier.Take(scored, limit, diversity.MaxPerBrand, row => catalog.Product(row).Brand ?? catalog.Product(row).Category,
                diversity.MaxPerCategory, row => catalog.Product(row).Category);
        }

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
        if (filter.Category is null)
        {
            return _popularity.Top(filter, count);
        }

        // A category's rows are few: scoring them directly is cheaper than walking the whole ranking.
        var top = new PriorityQueue<int, double>(count + 1);
        foreach (var row in catalog.RowsIn(filter.Category))
        {
            if (!filter.Accepts(catalog, row))
            {
                continue;
            }

            top.Enqueue(row, PopularityRanking.Score(catalog, row, now));
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
