using Aisle.Catalog;
using Aisle.Ranking;
using Aisle.Storage;
using Aisle.Users;
using Orleans.Concurrency;

namespace Aisle.Recommendations;

/// <summary>
/// Serves the read path on whichever silo receives the call, from that silo's replica and indexes: a stateless
/// worker, so calls never queue behind one activation and every silo adds capacity. A request makes at most one
/// other grain call (the shopper's profile, skipped when the ranking profile does not personalize).
/// Reentrant: it holds no state, so a request waiting for a profile must not hold up the next one. A profile that cannot
/// be loaded (the database down) makes the list anonymous rather than failing it: reads keep answering from memory.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class RecommendationGrain(CatalogReplica catalog, Recommender recommender) : Grain, IRecommendationGrain
{
    public async Task<RankedList> SearchAsync(SearchRequest request, RankingProfile profile)
    {
        catalog.EnsureReady();
        var shopper = request.UserId is null || !profile.Personalized ? null : await ProfileAsync(request.UserId);
        return await recommender.SearchAsync(request, shopper, profile);
    }

    public async Task<RankedList?> SimilarAsync(string productId, string? userId, int limit, RankingProfile profile)
    {
        catalog.EnsureReady();
        var shopper = userId is null || !profile.Personalized ? null : await ProfileAsync(userId);
        return await recommender.SimilarAsync(productId, shopper, limit, profile);
    }

    public async Task<RankedList> RecommendAsync(string userId, int limit, RankingProfile profile)
    {
        catalog.EnsureReady();
        return await recommender.RecommendAsync(await ProfileAsync(userId), limit, profile);
    }

    public async Task<RankedList?> CompleteTheLookAsync(IReadOnlyList<string> productIds, string? userId, int limit, RankingProfile profile)
    {
        catalog.EnsureReady();
        var shopper = userId is null || !profile.Personalized ? null : await ProfileAsync(userId);
        return await recommender.CompleteTheLookAsync(productIds, shopper, limit, profile);
    }

    public Task<RankedList> TrendingAsync(string? category, int limit)
    {
        catalog.EnsureReady();
        return Task.FromResult(recommender.Trending(category, limit));
    }

    /// <summary>
    /// The shopper's live profile; when their grain is not active and its state cannot be read (PostgreSQL down), an
    /// empty one: the shopper gets the list a newcomer gets (trending, popular, similar by content) rather than an error.
    /// Shoppers whose grains are active are answered from silo memory as always.
    /// </summary>
    private async Task<UserProfile> ProfileAsync(string userId)
    {
        try
        {
            return await GrainFactory.GetGrain<IUserGrain>(userId).GetProfileAsync();
        }
        catch (Exception error) when (StorageUnavailableException.IsCause(error))
        {
            return UserProfile.Empty(userId, DateTimeOffset.UtcNow);
        }
    }
}
