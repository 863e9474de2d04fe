using Aisle.Catalog;
using Aisle.Ranking;
using Aisle.Users;
using Orleans.Concurrency;

namespace Aisle.Recommendations;

/// <summary>
/// Serves the read path on whichever silo receives the call, from that silo's replica and indexes: a stateless
/// worker, so calls never queue behind one activation and every silo adds capacity. A request makes at most one
/// other grain call (the shopper's profile).
/// Reentrant: it holds no state, so a request waiting for a profile must not hold up the next one.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class RecommendationGrain(CatalogReplica catalog, Recommender recommender) : Grain, IRecommendationGrain
{
    public async Task<RankedList> SearchAsync(SearchRequest request)
    {
        EnsureReady();
        var profile = request.UserId is null ? null : await ProfileAsync(request.UserId);
        return await recommender.SearchAsync(request, profile);
    }

    public async Task<RankedList?> SimilarAsync(string productId, string? userId, int limit)
    {
        EnsureReady();
        var profile = userId is null ? null : await ProfileAsync(userId);
        return await recommender.SimilarAsync(productId, profile, limit);
    }

    public async Task<RankedList> RecommendAsync(string userId, int limit)
    {
        EnsureReady();
        return await recommender.RecommendAsync(await ProfileAsync(userId), limit);
    }

    public Task<RankedList> TrendingAsync(string? category, int limit)
    {
        EnsureReady();
        return Task.FromResult(recommender.Trending(category, limit));
    }

    public Task<ProductDetails?> GetProductAsync(string productId)
    {
        EnsureReady();
        if (!catalog.TryGetRow(productId, out var row))
        {
            return Task.FromResult<ProductDetails?>(null);
        }

        var product = catalog.Product(row);
        var item = recommender.Describe(row, 0, [], []);
        var details = new ProductDetails(item, product.Sku, product.Description, catalog.Popularity(row, DateTimeOffset.UtcNow), catalog.Neighbours(row));
        return Task.FromResult<ProductDetails?>(details);
    }

    public Task<IReadOnlyList<string>> UnknownProductsAsync(IReadOnlyList<string> productIds)
    {
        EnsureReady();
        IReadOnlyList<string> unknown = productIds.Where(id => !catalog.TryGetRow(id, out _)).Distinct().ToArray();
        return Task.FromResult(unknown);
    }

    public Task<CatalogStatus> GetStatusAsync() => Task.FromResult(new CatalogStatus(catalog.Ready, catalog.Count, catalog.Stage));

    private Task<UserProfile> ProfileAsync(string userId) => GrainFactory.GetGrain<IUserGrain>(userId).GetProfileAsync();

    private void EnsureReady()
    {
        if (!catalog.Ready)
        {
            throw new CatalogNotReadyException(catalog.Stage);
        }
    }
}
