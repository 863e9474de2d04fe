using Aisle.Catalog;
using Aisle.Learning;
using Aisle.Llm;
using Aisle.Ranking.Candidates;
using Aisle.Ranking.Pipelines;
using Aisle.Recommendations;
using Aisle.Retrieval;
using Aisle.Users;

namespace Aisle.Ranking;

/// <summary>
/// The read pipelines over this silo's replica and indexes, wired once: the silo, the evaluation engine and the
/// benchmarks each build this one class, and every pipeline shares the same candidate sources (so one popularity
/// list per silo) and the same <see cref="Ranker"/>. Grain-free, so it is tested and benchmarked directly; the
/// recommendation grain only feeds it profiles. Each stage lives in its pipeline or source, not here.
/// </summary>
public sealed class Recommender
{
    private readonly SearchPipeline _search;
    private readonly SimilarPipeline _similar;
    private readonly RecommendationPipeline _recommendations;
    private readonly TrendingPipeline _trending;
    private readonly CompleteTheLookPipeline _completeTheLook;

    public Recommender(
        CatalogReplica catalog,
        CatalogIndexes indexes,
        IVectorIndex vectors,
        QueryEmbedder embedder,
        TimeProvider clock,
        BusinessRules? rules = null,
        RankingProfile? defaults = null,
        IComplementProposals? complements = null,
        ModelSlot? model = null)
    {
        Defaults = defaults ?? RankingProfile.Default;
        var ranker = new Ranker(catalog, rules);
        var content = new ContentCandidates(catalog, vectors);
        var behaviour = new BehaviourCandidates(catalog);
        var popular = new PopularCandidates(catalog, clock);
        var hits = new QueryHits(catalog, indexes, content);
        _search = new SearchPipeline(catalog, indexes, embedder, hits, popular, ranker, clock, Defaults);
        _similar = new SimilarPipeline(catalog, content, behaviour, ranker, clock, Defaults);
        _trending = new TrendingPipeline(popular, ranker, clock, Defaults);
        _recommendations = new RecommendationPipeline(catalog, content, behaviour, new ModelCandidates(catalog, model), popular, _trending, ranker, clock, Defaults);
        _completeTheLook = new CompleteTheLookPipeline(
            catalog, hits, behaviour, complements ?? NoComplementProposals.Instance, ranker, clock, Defaults);
    }

    /// <summary>The profile lists are ranked with when the caller names none (trending; configuration's weights).</summary>
    public RankingProfile Defaults { get; }

    /// <param name="ranking">The profile to rank with; a non-personalized one (<see cref="RecommendationStrategy.Popular"/>)
    /// ignores <paramref name="profile"/>.</param>
    public Task<RankedList> SearchAsync(SearchRequest request, UserProfile? profile, RankingProfile? ranking = null, CancellationToken cancellationToken = default) =>
        _search.RunAsync(request, profile, ranking, cancellationToken);

    /// <returns>Null when the product is not in the catalog.</returns>
    public Task<RankedList?> SimilarAsync(string productId, UserProfile? profile, int limit, RankingProfile? ranking = null, CancellationToken cancellationToken = default) =>
        _similar.RunAsync(productId, profile, limit, ranking, cancellationToken);

    /// <param name="ranking">Strategy and score weights (an experiment variant's); <see cref="Defaults"/> when null.</param>
    /// <param name="options">Behaviour-scoring settings for this call (an offline evaluation tuning them); the silo's when null.</param>
    public Task<RankedList> RecommendAsync(
        UserProfile profile, int limit, RankingProfile? ranking = null, RankingOptions? options = null, CancellationToken cancellationToken = default) =>
        _recommendations.RunAsync(profile, limit, ranking, options, cancellationToken);

    public RankedList Trending(string? category, int limit) => _trending.Run(category, limit);

    /// <param name="productIds">A product, or a cart's products latest first.</param>
    /// <returns>Null when none of the products is in the catalog.</returns>
    public Task<RankedList?> CompleteTheLookAsync(
        IReadOnlyList<string> productIds, UserProfile? profile, int limit, RankingProfile? ranking = null, CancellationToken cancellationToken = default) =>
        _completeTheLook.RunAsync(productIds, profile, limit, ranking, cancellationToken);
}
