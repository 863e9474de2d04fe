using Aisle.Ranking;

namespace Aisle.Recommendations;

/// <summary>
/// The read path as the frontend sees it: every product list, for a shopper id rather than a profile. Two
/// implementations, chosen by <c>Aisle:Mode</c>: <see cref="LocalListReader"/> when the silo lives in the same process
/// (embedded), <see cref="GrainListReader"/> through the <see cref="IRecommendationGrain"/> otherwise (cluster).
/// </summary>
public interface IListReader
{
    Task<RankedList> SearchAsync(SearchRequest request, RankingProfile profile);

    Task<RankedList?> SimilarAsync(string productId, string? userId, int limit, RankingProfile profile);

    Task<RankedList> RecommendAsync(string userId, int limit, RankingProfile profile);

    Task<RankedList> TrendingAsync(string? category, int limit);

    Task<RankedList?> CompleteTheLookAsync(IReadOnlyList<string> productIds, string? userId, int limit, RankingProfile profile);
}
