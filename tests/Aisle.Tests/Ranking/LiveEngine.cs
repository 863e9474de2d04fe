using Aisle.Experiments;
using Aisle.Cli.Evaluation;
using Aisle.Ranking;
using Aisle.Recommendations;
using Aisle.Users;

namespace Aisle.Tests.Ranking;

/// <summary>
/// A small catalog in the evaluation engine (real grains, storage, replica and recommender) for behaviour tests:
/// items "a" … "h"; a, b and c share attributes (look alike), the others have their own.
/// </summary>
public sealed class LiveEngine : IAsyncDisposable
{
    public static readonly string[] Items = ["a", "b", "c", "d", "e", "f", "g", "h"];

    private static readonly Dictionary<string, int[]> Attributes = new()
    {
        ["a"] = [1, 2], ["b"] = [1, 2], ["c"] = [1, 3], ["d"] = [4], ["e"] = [5], ["f"] = [6], ["g"] = [7], ["h"] = [8],
    };

    private readonly EvaluationEngine _engine;

    private LiveEngine(EvaluationEngine engine) => _engine = engine;

    public Recommender Recommender => _engine.Recommender;

    public RankingOptions Options => _engine.Options;

    public static async Task<LiveEngine> StartAsync() =>
        new(await EvaluationEngine.StartAsync(Items, ContentVectors.Build(Items, Attributes), new RankingOptions()));

    /// <summary>Records the items as purchases by <paramref name="userId"/>, in order, and waits for the product grains.</summary>
    public async Task BuyAsync(string userId, params string[] items)
    {
        var at = DateTimeOffset.UtcNow;
        var events = items.Select((item, i) => new ShopperEvent(InteractionKind.Purchase, item, null, 1, at.AddMilliseconds(i), null)).ToArray();
        var outcomes = await _engine.Client.GetGrain<IUserGrain>(userId).RecordAsync(events);
        Assert.All(outcomes, o => Assert.True(o.Accepted, o.Error));
        await _engine.WaitUntilQuietAsync();
    }

    /// <summary>Notes that <paramref name="items"/> were shown to <paramref name="userId"/>, as the API does after a list,
    /// and waits until the profile has them (the call is one-way).</summary>
    public async Task ShowAsync(string userId, params string[] items)
    {
        var user = _engine.Client.GetGrain<IUserGrain>(userId);
        var at = DateTimeOffset.UtcNow;
        await user.RecordServedAsync(new ServedList("test", ExperimentSurface.Recommendations, items, at, null));
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var shown = (await user.GetProfileAsync()).Shown;
            if (items.All(item => shown.Any(s => s.ProductId == item && s.LastShown == at)))
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"{userId}'s profile never showed the items as shown.");
    }

    /// <summary>Records one event by <paramref name="userId"/> and waits for the product grains.</summary>
    public async Task<EventOutcome> RecordAsync(string userId, ShopperEvent e)
    {
        var outcome = (await _engine.Client.GetGrain<IUserGrain>(userId).RecordAsync([e]))[0];
        await _engine.WaitUntilQuietAsync();
        return outcome;
    }

    public async Task<RankedList> RecommendAsync(string userId, int limit = 5) =>
        await _engine.Client.GetGrain<IRecommendationGrain>(0).RecommendAsync(userId, limit, RankingProfile.Default);

    public async Task<RankedList> SimilarAsync(string productId, int limit = 5) =>
        (await _engine.Client.GetGrain<IRecommendationGrain>(0).SimilarAsync(productId, null, limit, RankingProfile.Default))!;

    public ValueTask DisposeAsync() => _engine.DisposeAsync();
}
