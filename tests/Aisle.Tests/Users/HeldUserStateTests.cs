using System.Collections.Immutable;
using System.Text.Json;
using Aisle.Catalog;
using Aisle.Ranking;
using Aisle.Tests.Retrieval;
using Aisle.Users;
using Xunit.Abstractions;

namespace Aisle.Tests.Users;

/// <summary>
/// The form a user grain keeps its live state in between calls (<see cref="UserStateFormat.Hold"/>): it must read back
/// exactly as it was written, so that keeping only it changes no profile, no ranking, and no stored state.
/// </summary>
public sealed class HeldUserStateTests(ITestOutputHelper output)
{
    // The 20k catalog as loaded once per run for the other tests.
    private static IReadOnlyList<Product> Flipkart => LexicalTestCatalog.Products;
    private static readonly Lazy<CatalogKeys> Keys = new(() => new CatalogKeys(Flipkart));
    private static readonly RankingOptions Options = new();
    private static readonly DateTimeOffset Start = new(2025, 11, 30, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 50)]
    [InlineData(3, 400)]
    public void AHeldStateReadsBackExactly(int seed, int events)
    {
        var state = Shopper(seed, events, Flipkart);

        var held = UserStateFormat.Hold(state, Keys.Value);
        var back = UserStateFormat.Unpack(held, Keys.Value);

        AssertIdentical(state, back);
        output.WriteLine($"{events} events: held in {held.Packed!.Length} bytes, stored in {UserStateFormat.Pack(state, Keys.Value, Options.AffinityHalfLife).Packed!.Length}");
    }

    [Fact]
    public void ProfilesAnsweredFromTheHeldFormAreTheLiveOnesToTheBit()
    {
        foreach (var seed in Enumerable.Range(10, 8))
        {
            var state = Shopper(seed, 60, Flipkart);
            var back = UserStateFormat.Unpack(UserStateFormat.Hold(state, Keys.Value), Keys.Value);

            foreach (var now in new[] { Start.AddHours(5), Start.AddDays(9) })
            {
                Assert.Equal(Json(ProfileUpdater.Evaluate("s", state, now, Options)), Json(ProfileUpdater.Evaluate("s", back, now, Options)));
            }
        }
    }

    [Fact]
    public void EventsAppliedThroughTheHeldFormGiveTheStateAppliedLive()
    {
        // What the grain does now (unpack, apply, hold, per call) against what it did before (one live state throughout).
        var live = new UserState();
        var held = UserStateFormat.Hold(live, Keys.Value);
        foreach (var step in Steps(21, 80, Flipkart))
        {
            live = step(live);
            held = UserStateFormat.Hold(step(UserStateFormat.Unpack(held, Keys.Value)), Keys.Value);
        }

        var now = Start.AddDays(2);
        AssertIdentical(live, UserStateFormat.Unpack(held, Keys.Value));
        Assert.Equal(Json(ProfileUpdater.Evaluate("s", live, now, Options)), Json(ProfileUpdater.Evaluate("s", UserStateFormat.Unpack(held, Keys.Value), now, Options)));
        // And what is stored from it is the same bytes as what was stored from the live state.
        Assert.Equal(
            UserStateFormat.Pack(live, Keys.Value, Options.AffinityHalfLife).Packed,
            UserStateFormat.Pack(UserStateFormat.Unpack(held, Keys.Value), Keys.Value, Options.AffinityHalfLife).Packed);
    }

    [Fact]
    public void WithoutACatalogIdsAndNamesAreHeldInFull()
    {
        var products = Flipkart.Take(40).ToArray();
        var state = Shopper(4, 30, products);

        AssertIdentical(state, UserStateFormat.Unpack(UserStateFormat.Hold(state, CatalogKeys.Empty), CatalogKeys.Empty));
    }

    [Fact]
    public void TheHeldFormIsNotTheRoundedStoredOne()
    {
        // A check that the tests above can fail: the stored layout rounds the taste and the affinities.
        var state = Shopper(5, 50, Flipkart);
        var stored = UserStateFormat.Unpack(UserStateFormat.Pack(state, Keys.Value, Options.AffinityHalfLife), Keys.Value);

        Assert.False(state.TasteSum!.AsSpan().SequenceEqual(stored.TasteSum));
        Assert.NotEqual(Json(ProfileUpdater.Evaluate("s", state, Start.AddDays(1), Options)), Json(ProfileUpdater.Evaluate("s", stored, Start.AddDays(1), Options)));
    }

    private static string Json(UserProfile profile) => JsonSerializer.Serialize(profile);

    private static void AssertIdentical(UserState expected, UserState actual)
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
        Assert.Equal(expected.Categories.OrderBy(c => c.Key, StringComparer.Ordinal), actual.Categories.OrderBy(c => c.Key, StringComparer.Ordinal));
        Assert.Equal(expected.Brands.OrderBy(c => c.Key, StringComparer.Ordinal), actual.Brands.OrderBy(c => c.Key, StringComparer.Ordinal));
        Assert.Equal(expected.Pushed, actual.Pushed);
        Assert.Equal(expected.Consumed, actual.Consumed);
        Assert.Equal(expected.EventIds, actual.EventIds);
        if (expected.TasteSum is null)
        {
            Assert.Null(actual.TasteSum);
        }
        else
        {
            Assert.True(expected.TasteSum.AsSpan().SequenceEqual(actual.TasteSum), "taste vectors differ");
        }
    }

    private static UserState Shopper(int seed, int events, IReadOnlyList<Product> products) =>
        Steps(seed, events, products).Aggregate(new UserState(), (state, step) => step(state));

    /// <summary>A shopper's events as state changes: interactions with Zipf(1) popular products a few a minute (some
    /// purchases), searches, negative feedback, remembered event ids and an experiment served.</summary>
    private static IEnumerable<Func<UserState, UserState>> Steps(int seed, int events, IReadOnlyList<Product> products)
    {
        var random = new Random(seed);
        var weights = Enumerable.Range(1, products.Count).Select(rank => 1.0 / rank).ToArray();
        var total = weights.Sum();
        var at = Start;
        for (var i = 0; i < events; i++)
        {
            var product = products[SyntheticShoppers.Draw(random, weights, total)];
            at = at.AddSeconds(random.Next(0, 3) == 0 ? 0 : random.Next(1, 900));
            var when = at;
            var roll = random.NextDouble();
            if (roll < 0.05)
            {
                var query = $"query {random.Next(100)}";
                yield return s => ProfileUpdater.ApplySearch(s, query);
            }
            else if (roll < 0.1)
            {
                var kind = random.Next(3) switch { 0 => InteractionKind.RemoveFromCart, 1 => InteractionKind.Return, _ => InteractionKind.Dislike };
                yield return s => ProfileUpdater.ApplyNegative(s, kind, product.Id, when, Options);
            }
            else
            {
                var kind = roll switch { < 0.75 => InteractionKind.View, < 0.88 => InteractionKind.Click, < 0.96 => InteractionKind.AddToCart, _ => InteractionKind.Purchase };
                var price = product.DiscountedPrice is { } p ? (double)p : (double?)null;
                var id = $"e-{seed}-{i}";
                yield return s => ProfileUpdater.ApplyInteraction(s, kind, product, price, SyntheticShoppers.Vector(product.Id), when, Options) with
                {
                    EventIds = EventIds.Remember(s.EventIds, [EventIds.Hash(id)]),
                };
            }

            if (i == events / 2)
            {
                yield return s => s with
                {
                    Experiments = s.Experiments.SetItem("popular-vs-personalized", new ExperimentMembership("personalized", when, 499.5, true)),
                };
            }
        }
    }
}
