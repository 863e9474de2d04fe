using Aisle.Catalog;
using Aisle.Ranking;
using Aisle.Users;

namespace Aisle.Tests.Ranking;

public class ProfileUpdaterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly RankingOptions Options = new();

    private static Product Shoe(string id, string brand) =>
        new(id, id, $"{brand} running shoe", brand, ["Footwear", "Men's Footwear", "Sports Shoes"], 2000m, 1000m, 4.0, null, 5);

    [Fact]
    public void PriceBandIsTheWeightedMeanAndSpreadOfLogPrice()
    {
        // A view (weight 1) at 100 and a purchase (weight 8) at 1000, same instant: mean = (ln100 + 8 ln1000) / 9.
        var state = new UserState();
        state = ProfileUpdater.ApplyInteraction(state, InteractionKind.View, Shoe("a", "Nike"), 100, [1, 0], T0, Options);
        state = ProfileUpdater.ApplyInteraction(state, InteractionKind.Purchase, Shoe("b", "Nike"), 1000, [0, 1], T0, Options);

        var band = ProfileUpdater.Evaluate("u", state, T0, Options).PriceBand!;

        var mean = (Math.Log(100) + 8 * Math.Log(1000)) / 9;
        var variance = (Math.Pow(Math.Log(100), 2) + 8 * Math.Pow(Math.Log(1000), 2)) / 9 - mean * mean;
        Assert.Equal(mean, band.MeanLogPrice, 9);
        Assert.Equal(Math.Sqrt(variance), band.StdDevLogPrice, 9);
        Assert.Equal(9, band.Weight, 9);
    }

    [Fact]
    public void AffinitiesDecayWithTheirHalfLife()
    {
        var state = ProfileUpdater.ApplyInteraction(new UserState(), InteractionKind.AddToCart, Shoe("a", "Puma"), 1000, [1, 0], T0, Options);

        var now = ProfileUpdater.Evaluate("u", state, T0, Options);
        var later = ProfileUpdater.Evaluate("u", state, T0 + Options.AffinityHalfLife, Options);

        Assert.Equal(4, now.BrandAffinity["Puma"], 9);
        Assert.Equal(2, later.BrandAffinity["Puma"], 9);
        Assert.Equal(2, later.CategoryAffinity["Footwear > Men's Footwear"], 9);
        Assert.Equal(3, now.CategoryAffinity.Count);
    }

    [Fact]
    public void TasteIsTheNormalisedDecayedMeanOfItemEmbeddings()
    {
        // View of [1,0] one half-life ago (now worth 0.5) and a view of [0,1] now: direction (0.5, 1) / |.|.
        var state = ProfileUpdater.ApplyInteraction(new UserState(), InteractionKind.View, Shoe("a", "Nike"), 1000, [1, 0], T0, Options);
        state = ProfileUpdater.ApplyInteraction(state, InteractionKind.View, Shoe("b", "Nike"), 1000, [0, 1], T0 + Options.AffinityHalfLife, Options);

        var taste = ProfileUpdater.Evaluate("u", state, T0 + Options.AffinityHalfLife, Options).Taste!;

        var norm = Math.Sqrt(0.25 + 1);
        Assert.Equal(0.5 / norm, taste[0], 5);
        Assert.Equal(1 / norm, taste[1], 5);
    }

    [Fact]
    public void PurchasesAreRememberedOnceAndRecentIsNewestFirst()
    {
        var state = new UserState();
        state = ProfileUpdater.ApplyInteraction(state, InteractionKind.Purchase, Shoe("a", "Nike"), 1000, [1, 0], T0, Options);
        state = ProfileUpdater.ApplyInteraction(state, InteractionKind.Purchase, Shoe("a", "Nike"), 1000, [1, 0], T0, Options);
        state = ProfileUpdater.ApplyInteraction(state, InteractionKind.View, Shoe("b", "Nike"), 1000, [1, 0], T0, Options);

        Assert.Equal(["a"], state.Purchased);
        Assert.Equal(["b", "a", "a"], state.Recent.Select(r => r.ProductId));
        Assert.Equal(3, state.EventCount);
    }
}
