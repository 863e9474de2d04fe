using System.Collections.Immutable;
using System.Numerics.Tensors;
using Aisle.Catalog;
using Aisle.Ranking;
using Aisle.Tests.Catalog;
using Aisle.Tests.Retrieval;
using Aisle.Users;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Xunit.Abstractions;

namespace Aisle.Tests.Users;

/// <summary>
/// The packed stored form of a shopper (<see cref="UserStateFormat"/>): what it keeps, its size at 50 events over the
/// real 20k catalog, and that states stored before it still load.
/// </summary>
public sealed class UserStateFormatTests(ITestOutputHelper output)
{
    // The 20k catalog as loaded once per run for the other tests.
    private static IReadOnlyList<Product> Flipkart => LexicalTestCatalog.Products;
    private static readonly Lazy<Serializer> Orleans = new(() =>
        new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(UserState).Assembly)).BuildServiceProvider().GetRequiredService<Serializer>());

    private static readonly RankingOptions Options = new();
    private static readonly DateTimeOffset Start = new(2025, 11, 30, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ShopperWithFiftyEventsIsStoredInAtMostFifteenHundredBytes()
    {
        var catalog = new CatalogKeys(Flipkart);
        var sizes = Enumerable.Range(0, 20).Select(seed => new
        {
            Packed = Stored(UserStateFormat.Pack(Shopper(seed, 50), catalog, Options.AffinityHalfLife)).Length,
            Legacy = Stored(Shopper(seed, 50)).Length,
        }).ToArray();

        output.WriteLine($"stored bytes at 50 events: packed {sizes.Min(s => s.Packed)}–{sizes.Max(s => s.Packed)} (mean {sizes.Average(s => s.Packed):F0}); Orleans' encoding {sizes.Min(s => s.Legacy)}–{sizes.Max(s => s.Legacy)}");
        Assert.All(sizes, s => Assert.InRange(s.Packed, 1, 1500));
        // The old encoding of the same states, for scale: the packed one must be a fraction of it.
        Assert.True(sizes.Average(s => s.Packed) * 4 < sizes.Average(s => s.Legacy), $"packed {sizes.Average(s => s.Packed)}, Orleans {sizes.Average(s => s.Legacy)}");
    }

    [Fact]
    public void RoundTripUnderTheSameCatalogKeepsEverything()
    {
        var catalog = new CatalogKeys(Flipkart);
        var state = Shopper(7, 50) with
        {
            Purchased = [Flipkart[3].Id, "not-in-the-catalog"],
            RecentQueries = ["red shoes", "mug"],
            Experiments = ImmutableDictionary<string, ExperimentMembership>.Empty
                .Add("hybrid-vs-trending", new ExperimentMembership("hybrid", Start.AddMinutes(3), 12.5, true)),
        };

        var loaded = RoundTrip(state, catalog);

        AssertSameState(state, loaded);
    }

    [Fact]
    public void RoundTripWithoutCatalogStoresIdsAndNamesInFull()
    {
        var products = Flipkart.Take(40).ToArray();
        var state = Shopper(3, 30, products);

        var loaded = RoundTrip(state, CatalogKeys.Empty);

        AssertSameState(state, loaded);
    }

    [Fact]
    public void InteractionsWithProductsLeavingTheCatalogAreDroppedNotMisread()
    {
        var state = Shopper(5, 50);
        var gone = state.Recent.Take(3).Select(r => r.ProductId).ToHashSet();
        var packed = UserStateFormat.Pack(state, new CatalogKeys(Flipkart), Options.AffinityHalfLife);

        var loaded = UserStateFormat.Unpack(packed, new CatalogKeys(Flipkart.Where(p => !gone.Contains(p.Id)).ToArray()));

        Assert.Equal(state.Recent.Where(r => !gone.Contains(r.ProductId)), loaded.Recent);
        Assert.Equal(state.EventCount, loaded.EventCount);
        Assert.All(loaded.Categories.Keys, key => Assert.Contains(key, state.Categories.Keys));
    }

    [Fact]
    public void StateStoredBeforeThePackedFormatStillLoads()
    {
        // Written by the cluster before this format (commit e89ed86): two batches of legacy-1 through POST /api/events —
        // a view of the catalog's first product and a search at 10:00, a click of the second at 10:01 and an
        // add-to-cart of the third at 10:02, 2025-11-30 UTC.
        var payload = Convert.FromBase64String(File.ReadAllText(Path.Combine(RepoFiles.Root, "tests", "Aisle.Tests", "Users", "legacy-user-state.b64")).Trim());
        var stored = Orleans.Value.Deserialize<UserState>(payload)!;
        var catalog = new CatalogKeys(Flipkart);

        var loaded = UserStateFormat.Unpack(stored, catalog);

        Assert.Null(stored.Packed);
        Assert.Equal(4, loaded.EventCount);
        Assert.Equal(
            [(Flipkart[2].Id, InteractionKind.AddToCart), (Flipkart[1].Id, InteractionKind.Click), (Flipkart[0].Id, InteractionKind.View)],
            loaded.Recent.Select(r => (r.ProductId, r.Kind)));
        Assert.Equal(new DateTimeOffset(2025, 11, 30, 10, 2, 0, TimeSpan.Zero), loaded.Recent[0].At);
        Assert.Equal(["red shoes"], loaded.RecentQueries);
        Assert.Contains(Flipkart[0].CategoryPath[0], loaded.Categories.Keys);
        Assert.Equal(384, loaded.TasteSum?.Length);

        // Its next write is packed, and reads back as it was.
        AssertSameState(loaded, RoundTrip(loaded, catalog));
    }

    [Fact]
    public void AffinitiesOfAHeavyShopperDoNotOverflowSixteenBits()
    {
        var state = Shopper(1, 10) with
        {
            Categories = ImmutableDictionary<string, DecayedValue>.Empty
                .Add("Clothing", new DecayedValue(3e6, Start))
                .Add("Clothing > Men's Clothing", new DecayedValue(2e5, Start))
                .Add("Watches", new DecayedValue(0.5, Start)),
        };

        var loaded = RoundTrip(state, new CatalogKeys(Flipkart));

        var later = Start.AddDays(1);
        foreach (var key in new[] { "Clothing", "Clothing > Men's Clothing", "Watches" })
        {
            // Fractions of the strongest: 0.1 % of the value, and faint ones (here 1e-7 of it) to 1e-7 of the strongest.
            var want = state.Categories[key].ValueAt(later, Options.AffinityHalfLife);
            Assert.Equal(want, loaded.Categories[key].ValueAt(later, Options.AffinityHalfLife), want * 1e-3 + 3e6 * 1e-7);
        }
    }

    private static UserState RoundTrip(UserState state, CatalogKeys catalog) =>
        UserStateFormat.Unpack(Orleans.Value.Deserialize<UserState>(Stored(UserStateFormat.Pack(state, catalog, Options.AffinityHalfLife)))!, catalog);

    /// <summary>The bytes grain storage writes for a state (what OrleansGrainStorageSerializer produces).</summary>
    private static byte[] Stored(UserState state) => Orleans.Value.SerializeToArray(state);

    /// <summary>A shopper's state after <paramref name="events"/> interactions, drawn as the cluster load draws them:
    /// products of the catalog with Zipf(1) popularity, a few events a minute, mostly views.</summary>
    private static UserState Shopper(int seed, int events, IReadOnlyList<Product>? products = null)
    {
        products ??= Flipkart;
        var random = new Random(seed);
        var weights = Enumerable.Range(1, products.Count).Select(rank => 1.0 / rank).ToArray();
        var total = weights.Sum();
        var state = new UserState();
        var at = Start;
        for (var i = 0; i < events; i++)
        {
            var product = products[SyntheticShoppers.Draw(random, weights, total)];
            var kind = random.NextDouble() switch { < 0.8 => InteractionKind.View, < 0.9 => InteractionKind.Click, < 0.97 => InteractionKind.AddToCart, _ => InteractionKind.Purchase };
            var price = product.DiscountedPrice is { } p ? (double)p : (double?)null;
            at = at.AddSeconds(i % 4 == 0 ? random.Next(5, 600) : 0);
            state = ProfileUpdater.ApplyInteraction(state, kind, product, price, SyntheticShoppers.Vector(product.Id), at, Options);
        }

        return state;
    }

    /// <summary>Equal but for the documented precision: affinities to 0.1 %, taste direction to a cosine of 0.999.</summary>
    private static void AssertSameState(UserState expected, UserState actual)
    {
        Assert.Null(actual.Packed);
        Assert.Equal(expected.Recent, actual.Recent);
        Assert.Equal(expected.Purchased, actual.Purchased);
        Assert.Equal(expected.RecentQueries, actual.RecentQueries);
        Assert.Equal(expected.EventCount, actual.EventCount);
        Assert.Equal(expected.Experiments.OrderBy(e => e.Key), actual.Experiments.OrderBy(e => e.Key));
        Assert.Equal(expected.PriceWeight, actual.PriceWeight);
        Assert.Equal(expected.PriceSum, actual.PriceSum);
        Assert.Equal(expected.PriceSquares, actual.PriceSquares);
        Assert.Equal(expected.TasteAt, actual.TasteAt);
        AssertSameAffinities(expected.Categories, actual.Categories);
        AssertSameAffinities(expected.Brands, actual.Brands);
        if (expected.TasteSum is null)
        {
            Assert.Null(actual.TasteSum);
        }
        else
        {
            Assert.NotNull(actual.TasteSum);
            Assert.True(TensorPrimitives.CosineSimilarity(expected.TasteSum, actual.TasteSum) > 0.999);
            Assert.Equal(TensorPrimitives.Norm(expected.TasteSum), TensorPrimitives.Norm(actual.TasteSum), TensorPrimitives.Norm(expected.TasteSum) * 0.01);
        }
    }

    private static void AssertSameAffinities(ImmutableDictionary<string, DecayedValue> expected, ImmutableDictionary<string, DecayedValue> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        var now = Start.AddDays(1);
        var strongest = expected.Values.Max(v => v.ValueAt(now, Options.AffinityHalfLife));
        foreach (var (key, value) in expected)
        {
            var want = value.ValueAt(now, Options.AffinityHalfLife);
            // 16-bit fractions of the strongest: 0.05 % of the value, or a hair of the strongest for faint ones.
            Assert.Equal(want, actual[key].ValueAt(now, Options.AffinityHalfLife), want * 1e-3 + strongest * 1e-6);
        }
    }
}
