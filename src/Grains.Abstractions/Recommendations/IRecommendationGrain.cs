using Aisle.Ranking;

namespace Aisle.Recommendations;

/// <summary>
/// The read path: search, similar items, personal recommendations and trending lists, computed on the silo that
/// holds the catalog replica and indexes (a stateless worker, so every silo serves locally and scales out). Each
/// ranked read takes the <see cref="RankingProfile"/> to rank with (the default, or an experiment variant's).
/// </summary>
public interface IRecommendationGrain : IGrainWithIntegerKey
{
    Task<RankedList> SearchAsync(SearchRequest request, RankingProfile profile);

    /// <returns>Null when the product is unknown.</returns>
    Task<RankedList?> SimilarAsync(string productId, string? userId, int limit, RankingProfile profile);

    Task<RankedList> RecommendAsync(string userId, int limit, RankingProfile profile);

    Task<RankedList> TrendingAsync(string? category, int limit);

    /// <summary>Products that go with a product or a cart ("complete the look").</summary>
    /// <param name="productIds">The product, or the cart's products latest first.</param>
    /// <returns>Null when none of the products is known.</returns>
    Task<RankedList?> CompleteTheLookAsync(IReadOnlyList<string> productIds, string? userId, int limit, RankingProfile profile);
}
