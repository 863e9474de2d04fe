using Aisle.Ranking;

namespace Aisle.Recommendations;

/// <summary>The read path through a silo: one call to the stateless <see cref="IRecommendationGrain"/>, which runs
/// <see cref="LocalListReader"/> on the silo that receives it (a cluster frontend has no replica of its own).</summary>
public sealed class GrainListReader(IGrainFactory grains) : IListReader
{
    /// <summary>
    /// How many ids of the stateless read grain calls spread over. An Orleans client sends every call to one grain id
    /// through the same gateway connection, so with a single id a cluster-mode frontend had one silo serve all of its
    /// reads (the other silos' indexes idle), and a rolling restart stalled every read when that silo left. Each id gets
    /// a gateway of its own, taken from the live ones in turn.
    /// </summary>
    public const int ReadGrainIds = 16;

    private IRecommendationGrain Grain => grains.GetGrain<IRecommendationGrain>(Random.Shared.Next(ReadGrainIds));

    public Task<RankedList> SearchAsync(SearchRequest request, RankingProfile profile) => Grain.SearchAsync(request, profile);

    public Task<RankedList?> SimilarAsync(string productId, string? userId, int limit, RankingProfile profile) =>
        Grain.SimilarAsync(productId, userId, limit, profile);

    public Task<RankedList> RecommendAsync(string userId, int limit, RankingProfile profile) => Grain.RecommendAsync(userId, limit, profile);

    public Task<RankedList> TrendingAsync(string? category, int limit) => Grain.TrendingAsync(category, limit);

    public Task<RankedList?> CompleteTheLookAsync(IReadOnlyList<string> productIds, string? userId, int limit, RankingProfile profile) =>
        Grain.CompleteTheLookAsync(productIds, userId, limit, profile);
}
