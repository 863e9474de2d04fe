using Aisle.Catalog;
using Aisle.Ranking;
using Orleans.Concurrency;

namespace Aisle.Recommendations;

/// <summary>
/// Serves the read path on whichever silo receives the call (<see cref="LocalListReader"/> over that silo's replica
/// and indexes): a stateless worker, so calls never queue behind one activation and every silo adds capacity.
/// Reentrant: it holds no state, so a request waiting for a profile must not hold up the next one. Cluster frontends
/// call it through <see cref="GrainListReader"/>; an embedded frontend calls the reader directly.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class RecommendationGrain(CatalogReplica catalog, Recommender recommender, IGrainFactory grains) : Grain, IRecommendationGrain
{
    private readonly LocalListReader _reader = new(catalog, recommender, grains);

    public Task<RankedList> SearchAsync(SearchRequest request, RankingProfile profile) => _reader.SearchAsync(request, profile);

    public Task<RankedList?> SimilarAsync(string productId, string? userId, int limit, RankingProfile profile) =>
        _reader.SimilarAsync(productId, userId, limit, profile);

    public Task<RankedList> RecommendAsync(string userId, int limit, RankingProfile profile) => _reader.RecommendAsync(userId, limit, profile);

    public Task<RankedList?> CompleteTheLookAsync(IReadOnlyList<string> productIds, string? userId, int limit, RankingProfile profile) =>
        _reader.CompleteTheLookAsync(productIds, userId, limit, profile);

    public Task<RankedList> TrendingAsync(string? category, int limit) => _reader.TrendingAsync(category, limit);
}
