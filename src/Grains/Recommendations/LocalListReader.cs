using Aisle.Catalog;
using Aisle.Observability;
using Aisle.Ranking;
using Aisle.Storage;
using Aisle.Users;

namespace Aisle.Recommendations;

/// <summary>
/// Serves the read path from this process's replica and indexes: what <see cref="RecommendationGrain"/> runs on every
/// silo, and what an embedded frontend calls directly, since its silo is in the same process and a grain call would
/// only add a message, a scheduling hop and its bookkeeping to every list (issue 11). A request makes at most one
/// grain call (the shopper's profile, skipped when the ranking profile does not personalize). A profile that cannot
/// be had quickly (its silo failing over, the database down) makes the list anonymous rather than failing it: reads
/// keep answering from memory through silo failures, rolling restarts and PostgreSQL outages (docs/reliability.md).
/// </summary>
public sealed class LocalListReader(CatalogReplica catalog, Recommender recommender, IGrainFactory grains) : IListReader
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
    /// How long a list waits for the shopper's profile before it is ranked without it. A profile is an in-memory
    /// read of an active grain (a millisecond or two); it takes longer only when the shopper's grain is being moved:
    /// its silo died (until the cluster declares it dead, seconds) or is shutting down (its grains deactivating), or
    /// its state must be read from a PostgreSQL that is down. The frontend gives a whole request 1.5 s, so waiting
    /// longer would turn a list that can be served into a 503.
    /// </summary>
    public static readonly TimeSpan ProfileBudget = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The shopper's live profile; when it cannot be had in <see cref="ProfileBudget"/> (the shopper's grain is moving
    /// between silos) or its state cannot be read (PostgreSQL down), an empty one: the shopper gets the list a newcomer
    /// gets (trending, popular, similar by content) rather than an error or a wait. Shoppers whose grains are active
    /// are answered from silo memory as always.
    /// </summary>
    private async Task<UserProfile> ProfileAsync(string userId)
    {
        var call = grains.GetGrain<IUserGrain>(userId).GetProfileAsync();
        try
        {
            return await call.WaitAsync(ProfileBudget);
        }
        catch (TimeoutException) when (call.IsCompletedSuccessfully)
        {
            // The profile arrived between the budget running out and this filter (seen under load in the offline
            // evaluation, where the list then failed): use it.
            return call.Result;
        }
        catch (TimeoutException) when (!call.IsCompleted)
        {
            // The abandoned call completes (or times out) in Orleans; observe its failure so it is not reported unobserved.
            _ = call.ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
            AisleMetrics.AnonymousFallbacks.WithLabels("slow").Inc();
        }
        catch (Exception error) when (StorageUnavailableException.IsCause(error) || error is OrleansMessageRejectionException)
        {
            // Unavailable storage, or a silo that died with the shopper's grain (SiloUnavailableException is a rejection).
            AisleMetrics.AnonymousFallbacks.WithLabels("unavailable").Inc();
        }

        return UserProfile.Empty(userId, DateTimeOffset.UtcNow);
    }
}
