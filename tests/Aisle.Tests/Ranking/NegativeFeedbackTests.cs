using Aisle.Catalog;
using Aisle.Ranking;
using Aisle.Recommendations;
using Aisle.Users;

namespace Aisle.Tests.Ranking;

/// <summary>Negative feedback pushes a product and, more gently, its close neighbours down for that shopper; a
/// purchased consumable comes back after its interval while a durable good does not. Expectations computed by hand.</summary>
public sealed class NegativeFeedbackTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ADislikeLeavesASixthOfTheProductsScoreAndItsTwinTwoFifthsOthersUntouched()
    {
        await using var engine = await LiveEngine.StartAsync();
        await engine.BuyAsync("someone", "c", "a", "b", "d");
        await engine.BuyAsync("critic", "c");
        var before = await engine.RecommendAsync("critic", limit: 8);

        var outcome = await engine.RecordAsync("critic", new ShopperEvent(InteractionKind.Dislike, "a", null, 1, DateTimeOffset.UtcNow, null));
        var after = await engine.RecommendAsync("critic", limit: 8);

        Assert.True(outcome.Accepted, outcome.Error);
        double Score(RankedList list, string id) => list.Items.Single(i => i.Id == id).Score;
        // Dislike weight 5: a keeps 1 / (1 + 5). b has a's very vector (cosine 1 ≥ 0.8): 1 / (1 + 5 × 0.3 × 1) = 0.4.
        // d shares nothing with a (cosine 0): unchanged.
        Assert.Equal(Score(before, "a") / 6, Score(after, "a"), 3);
        Assert.Equal(Score(before, "b") * 0.4, Score(after, "b"), 3);
        Assert.Equal(Score(before, "d"), Score(after, "d"), 3);
        Assert.True(after.Items.ToList().FindIndex(i => i.Id == "a") > before.Items.ToList().FindIndex(i => i.Id == "a"));
    }

    [Fact]
    public void PushesAddUpByKindAndHalveEverySixtyDays()
    {
        var options = new RankingOptions();
        var state = ProfileUpdater.ApplyNegative(new UserState(), InteractionKind.RemoveFromCart, "p", T0, options);
        state = ProfileUpdater.ApplyNegative(state, InteractionKind.Return, "p", T0, options);
        state = ProfileUpdater.ApplyNegative(state, InteractionKind.Dislike, "q", T0, options);

        var now = ProfileUpdater.Evaluate("u", state, T0, options);
        var later = ProfileUpdater.Evaluate("u", state, T0 + TimeSpan.FromDays(60), options);

        Assert.Equal(0.5 + 3, now.Pushed["p"], 9);
        Assert.Equal(5, now.Pushed["q"], 9);
        Assert.Equal(1.75, later.Pushed["p"], 9);
        Assert.Equal(3, now.EventCount);
        // Feedback against a product teaches no interest: no recent product, no affinity.
        Assert.Empty(now.Recent);
        Assert.Empty(now.CategoryAffinity);
    }

    [Fact]
    public void APurchasedConsumableIsDueAgainAfterItsMostSpecificIntervalAndADurableGoodNever()
    {
        var options = new RankingOptions
        {
            Consumables =
            [
                new ConsumableCategory("Beauty and Personal Care", TimeSpan.FromDays(30)),
                new ConsumableCategory("Beauty and Personal Care > Makeup", TimeSpan.FromDays(60)),
            ],
        };
        Product Item(string id, params string[] category) => new(id, id, id, "Brand", category, 100m, 90m, 4, null, 5);
        Product[] products =
        [
            Item("lipstick", "Beauty and Personal Care", "Makeup", "Lips"),
            Item("shampoo", "Beauty and Personal Care", "Hair Care"),
            Item("kettle", "Home & Kitchen", "Kitchen Appliances"),
        ];
        var replica = new CatalogReplica(options);
        replica.Load(products, products.Select((_, i) => new float[] { i, 1 }).ToArray());
        replica.MarkReady();
        var state = new UserState();
        foreach (var product in products)
        {
            state = ProfileUpdater.ApplyInteraction(state, InteractionKind.Purchase, product, 90, [1, 0], T0, options);
        }

        string[] DueAt(int days) =>
            [.. FeedbackDemotion.DueAgain(ProfileUpdater.Evaluate("u", state, T0, options), T0 + TimeSpan.FromDays(days), replica, options).Order()];

        Assert.Equal(["lipstick", "shampoo"], state.Consumed.Keys.Order());
        Assert.Empty(DueAt(29));
        Assert.Equal(["shampoo"], DueAt(30));
        Assert.Equal(["lipstick", "shampoo"], DueAt(60));
        Assert.DoesNotContain("kettle", DueAt(3650));
    }
}
