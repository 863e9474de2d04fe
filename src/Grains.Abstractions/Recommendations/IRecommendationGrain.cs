namespace Aisle.Recommendations;

/// <summary>
/// The read path: search, similar items, personal recommendations and trending lists, computed on the silo that
/// holds the catalog replica and indexes (a stateless worker, so every silo serves locally and scales out).
/// Methods answer null when the product or catalog is unknown.
/// </summary>
public interface IRecommendationGrain : IGrainWithIntegerKey
{
    Task<RankedList> SearchAsync(SearchRequest request);

    Task<RankedList?> SimilarAsync(string productId, string? userId, int limit);

    Task<RankedList> RecommendAsync(string userId, int limit);

    Task<RankedList> TrendingAsync(string? category, int limit);

    Task<ProductDetails?> GetProductAsync(string productId);

    /// <summary>The ids among <paramref name="productIds"/> that the catalog does not hold.</summary>
    Task<IReadOnlyList<string>> UnknownProductsAsync(IReadOnlyList<string> productIds);

    Task<CatalogStatus> GetStatusAsync();
}
