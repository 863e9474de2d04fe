using System.Numerics.Tensors;
using Aisle.Ranking;
using Aisle.Users;

namespace Aisle.Tests.Grains;

/// <summary>The user grain: events change the profile at once, purchases reserve stock, products learn neighbours.</summary>
public sealed class UserGrainTests(GrainClusterFixture fixture) : IClassFixture<GrainClusterFixture>
{
    private static string NewUserId() => "user-" + Guid.NewGuid().ToString("N");

    private static ShopperEvent Event(InteractionKind kind, string? productId, DateTimeOffset at, int quantity = 1) =>
        new(kind, productId, null, quantity, at, null);

    [Fact]
    public async Task PurchaseReservesStockAndSoldOutPurchaseIsRejected()
    {
        var user = fixture.User(NewUserId());
        var stocked = fixture.Product("purchase-stocked");
        var stockBefore = (await stocked.GetAsync())!.Stock;
        var now = DateTimeOffset.UtcNow;

        var bought = await user.RecordAsync([Event(InteractionKind.Purchase, "purchase-stocked", now, quantity: 2)]);
        var afterPurchase = await user.GetProfileAsync();
        var refused = await user.RecordAsync([Event(InteractionKind.Purchase, "purchase-soldout", now.AddSeconds(1))]);
        var afterRefusal = await user.GetProfileAsync();
        var stockAfter = (await stocked.GetAsync())!.Stock;
        var soldOutStock = (await fixture.Product("purchase-soldout").GetAsync())!.Stock;

        Assert.Equal(5, stockBefore);
        Assert.True(bought[0].Accepted);
        Assert.Equal(3, stockAfter);
        Assert.Equal(3, fixture.Replica.Stock(fixture.Row("purchase-stocked")));
        Assert.Equal(["purchase-stocked"], afterPurchase.Purchased);
        Assert.False(refused[0].Accepted);
        Assert.False(string.IsNullOrWhiteSpace(refused[0].Error));
        Assert.Equal(0, soldOutStock);
        Assert.Equal(afterPurchase.Purchased, afterRefusal.Purchased);
        Assert.Equal(afterPurchase.EventCount, afterRefusal.EventCount);
        Assert.DoesNotContain(afterRefusal.Recent, r => r.ProductId == "purchase-soldout");
    }

    [Fact]
    public async Task ViewAndCartShapeTheProfileAtOnce()
    {
        var user = fixture.User(NewUserId());
        var t0 = DateTimeOffset.UtcNow.AddSeconds(-2);
        var t1 = t0.AddSeconds(1);

        var outcomes = await user.RecordAsync(
        [
            Event(InteractionKind.View, "profile-a", t0),
            Event(InteractionKind.AddToCart, "profile-b", t1),
        ]);
        var profile = await user.GetProfileAsync();

        // Default weights: view 1, add to cart 4. Affinities decay with a 7-day half-life, so seconds cost < 1e-4.
        const double sum = 1 + 4;
        Assert.All(outcomes, o => Assert.True(o.Accepted));
        Assert.Equal(2, profile.EventCount);
        Assert.Equal(["profile-b", "profile-a"], profile.Recent.Select(r => r.ProductId));
        Assert.Equal([InteractionKind.AddToCart, InteractionKind.View], profile.Recent.Select(r => r.Kind));
        Assert.Equal(sum, profile.BrandAffinity["Strider"], 1e-3);
        Assert.Single(profile.BrandAffinity);
        Assert.Equal(3, profile.CategoryAffinity.Count);
        Assert.Equal(sum, profile.CategoryAffinity["Footwear"], 1e-3);
        Assert.Equal(sum, profile.CategoryAffinity["Footwear > Men's Footwear"], 1e-3);
        Assert.Equal(sum, profile.CategoryAffinity["Footwear > Men's Footwear > Casual Shoes"], 1e-3);

        // Weighted log prices: (1·ln 500 + 4·ln 2000) / 5; spread of a two-point mix is √(0.2·0.8)·ln(2000/500).
        var band = profile.PriceBand!;
        Assert.Equal((Math.Log(500) + 4 * Math.Log(2000)) / 5, band.MeanLogPrice, 1e-5);
        Assert.Equal(0.4 * Math.Log(4), band.StdDevLogPrice, 1e-3);
        Assert.Equal(sum, band.Weight, 1e-3);

        // Taste is the normalised weighted sum of the items' vectors: profile-a on axis 0, profile-b on axis 1.
        var taste = profile.Taste!;
        Assert.Equal(GrainTestCatalog.Dimensions, taste.Length);
        Assert.Equal(1 / Math.Sqrt(17), taste[0], 1e-4);
        Assert.Equal(4 / Math.Sqrt(17), taste[1], 1e-4);
        Assert.All(taste.Skip(2), x => Assert.Equal(0, x, 1e-6));
    }

    [Fact]
    public async Task UnknownProductsAreRejectedPerEventAndTheRestOfTheBatchApplies()
    {
        var user = fixture.User(NewUserId());
        var now = DateTimeOffset.UtcNow;

        var outcomes = await user.RecordAsync(
        [
            Event(InteractionKind.View, "batch-a", now),
            Event(InteractionKind.View, "no-such-product", now),
            Event(InteractionKind.AddToCart, "batch-b", now),
            Event(InteractionKind.Purchase, "also-not-a-product", now),
            Event(InteractionKind.Click, null, now),
        ]);
        var profile = await user.GetProfileAsync();

        Assert.Equal([true, false, true, false, false], outcomes.Select(o => o.Accepted));
        Assert.Contains("no-such-product", outcomes[1].Error);
        Assert.Contains("also-not-a-product", outcomes[3].Error);
        Assert.Null(outcomes[0].Error);
        Assert.Equal(["batch-b", "batch-a"], profile.Recent.Select(r => r.ProductId));
        Assert.Equal(2, profile.EventCount);
        Assert.Empty(profile.Purchased);
    }

    [Fact]
    public async Task ViewingOneProductAfterAnotherMakesThemNeighbours()
    {
        var user = fixture.User(NewUserId());
        var a = fixture.Product("pair-a");
        var b = fixture.Product("pair-b");
        var now = DateTimeOffset.UtcNow;

        await user.RecordAsync([Event(InteractionKind.View, "pair-a", now)]);
        await user.RecordAsync([Event(InteractionKind.View, "pair-b", now.AddSeconds(1))]);
        // Counters and links are one-way calls: wait (bounded) until both sides show the link.
        var linked = await GrainClusterFixture.EventuallyAsync(async () =>
            (await b.GetAsync())!.Neighbours.Contains("pair-a") && (await a.GetAsync())!.Neighbours.Contains("pair-b"));
        var snapshotA = (await a.GetAsync())!;
        var snapshotB = (await b.GetAsync())!;

        Assert.True(linked, "pair-a and pair-b did not become neighbours of each other.");
        Assert.Equal(["pair-b"], snapshotA.Neighbours);
        Assert.Equal(["pair-a"], snapshotB.Neighbours);
        Assert.True(snapshotA.Views > 0);
        Assert.True(snapshotB.Views > 0);
        Assert.True(snapshotB.Popularity > 0);
        Assert.Equal(["pair-b"], fixture.Replica.Neighbours(fixture.Row("pair-a")));
        Assert.Equal(["pair-a"], fixture.Replica.Neighbours(fixture.Row("pair-b")));
    }

    [Fact]
    public async Task ProfileAndProductCountersSurviveDeactivation()
    {
        var user = fixture.User(NewUserId());
        var product = fixture.Product("persist-user-b");
        var now = DateTimeOffset.UtcNow;
        await user.RecordAsync(
        [
            Event(InteractionKind.View, "persist-user-a", now),
            Event(InteractionKind.AddToCart, "persist-user-b", now.AddSeconds(1)),
            new ShopperEvent(InteractionKind.Search, null, "red loafers", 1, now.AddSeconds(2), null),
        ]);
        // The product's counters are written lazily; deactivation must flush them.
        var counted = await GrainClusterFixture.EventuallyAsync(async () =>
            (await product.GetAsync())!.Neighbours.Contains("persist-user-a"));
        var profileBefore = await user.GetProfileAsync();
        var productBefore = (await product.GetAsync())!;

        await fixture.Cluster.DeactivateAsync(user);
        await fixture.Cluster.DeactivateAsync(product);
        var userStillActive = fixture.Cluster.TryGetGrainContext(user.GetGrainId(), out _);
        var productStillActive = fixture.Cluster.TryGetGrainContext(product.GetGrainId(), out _);
        var profileAfter = await user.GetProfileAsync();
        var productAfter = (await product.GetAsync())!;

        Assert.True(counted);
        Assert.False(userStillActive);
        Assert.False(productStillActive);
        Assert.Equal(3, profileAfter.EventCount);
        Assert.Equal(profileBefore.Recent, profileAfter.Recent);
        Assert.Equal(["red loafers"], profileAfter.RecentQueries);
        Assert.Equal(profileBefore.BrandAffinity.Keys.Order(), profileAfter.BrandAffinity.Keys.Order());
        // Stored as 8-bit integers (UserStateFormat): the direction survives, not every last bit.
        Assert.True(TensorPrimitives.CosineSimilarity(profileBefore.Taste!, profileAfter.Taste!) > 0.999);
        Assert.Equal(["persist-user-a"], productAfter.Neighbours);
        Assert.Equal(productBefore.Version, productAfter.Version);
        Assert.True(productAfter.Carts > 0);
    }

    [Fact]
    public async Task ActivityOfManyShoppersSummedPerSiloEqualsAddingEveryEvent()
    {
        // Three shoppers, a day apart: the silo sums their views and links before the product grain sees them, and
        // the result must be what adding each event one by one to a decayed sum gives.
        var options = fixture.Replica.Options;
        var now = DateTimeOffset.UtcNow;
        var times = new[] { now.AddDays(-2), now.AddDays(-1), now.AddHours(-1) };
        foreach (var at in times)
        {
            await fixture.User(NewUserId()).RecordAsync([Event(InteractionKind.View, "sum-a", at), Event(InteractionKind.View, "sum-b", at.AddSeconds(1))]);
        }

        var b = fixture.Product("sum-b");
        var arrived = await GrainClusterFixture.EventuallyAsync(async () => (await b.GetAsync())!.NeighbourWeights.Count == 1 &&
            (await fixture.Product("sum-a").GetAsync())!.NextWeights.Count == 1);
        var snapshot = (await b.GetAsync())!;
        var views = new DecayedValue();
        var link = new DecayedValue();
        foreach (var at in times)
        {
            views = views.Add(1, at.AddSeconds(1), options.PopularityHalfLife);
            link = link.Add(options.ViewWeight, at.AddSeconds(1), options.AffinityHalfLife);
        }

        Assert.True(arrived);
        Assert.Equal(views.ValueAt(snapshot.AsOf, options.PopularityHalfLife), snapshot.Views, 9);
        Assert.Equal(["sum-a"], snapshot.Neighbours);
        Assert.Equal(link.ValueAt(snapshot.AsOf, options.AffinityHalfLife), snapshot.NeighbourWeights[0], 9);
        Assert.Equal(link.ValueAt(snapshot.AsOf, options.AffinityHalfLife), snapshot.LinkTotal, 9);
    }
}
