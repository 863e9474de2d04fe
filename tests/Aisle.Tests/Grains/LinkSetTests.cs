using Aisle.Products;
using Aisle.Ranking;

namespace Aisle.Tests.Grains;

/// <summary>A product's top-k links: one reference time for all weights, strongest first, ties by id.</summary>
public sealed class LinkSetTests
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AddingLaterDecaysWhatWasThereAndKeepsStrongestFirst()
    {
        var links = LinkSet.Empty.Add([new ActivityLink("a", 4), new ActivityLink("b", 1)], "self", T0, Day, max: 10);

        var later = links.Add([new ActivityLink("b", 2), new ActivityLink("c", 1.5)], "self", T0 + Day, Day, max: 10);

        // a: 4 → 2 after one half-life; b: 1 → 0.5, + 2 = 2.5; c: 1.5.
        Assert.Equal(["b", "a", "c"], later.Ids);
        Assert.Equal([2.5, 2.0, 1.5], later.Weights);
        Assert.Equal(T0 + Day, later.At);
        Assert.Equal([1.25, 1.0, 0.75], later.WeightsAt(T0 + 2 * Day, Day));
    }

    [Fact]
    public void AnOlderActivityIsDecayedToTheSetsTime()
    {
        var links = LinkSet.Empty.Add([new ActivityLink("a", 1)], "self", T0 + Day, Day, max: 10);

        var replayed = links.Add([new ActivityLink("a", 2)], "self", T0, Day, max: 10);

        Assert.Equal(T0 + Day, replayed.At);
        Assert.Equal([2.0], replayed.Weights);
    }

    [Fact]
    public void KeepsOnlyTheStrongestAndBreaksTiesById()
    {
        var links = LinkSet.Empty.Add(
            [new ActivityLink("d", 1), new ActivityLink("c", 3), new ActivityLink("b", 1), new ActivityLink("a", 2), new ActivityLink("self", 9)],
            "self", T0, Day, max: 3);

        Assert.Equal(["c", "a", "b"], links.Ids);
        Assert.Equal([3.0, 2.0, 1.0], links.Weights);
    }

    [Fact]
    public void LinksOfTheEarlierStateFormatMigrate()
    {
        var legacy = System.Collections.Immutable.ImmutableDictionary<string, DecayedValue>.Empty
            .Add("a", new DecayedValue(4, T0))
            .Add("b", new DecayedValue(3, T0 + Day));

        var links = LinkSet.From(legacy, Day, max: 10);

        Assert.Equal(["b", "a"], links.Ids);
        Assert.Equal([3.0, 2.0], links.Weights);
        Assert.Equal(T0 + Day, links.At);
    }

    [Fact]
    public void AStateStoredInTheEarlierFormatShowsItsLinksInTheSnapshot()
    {
        // The replica warms up from stored states without activating grains, so the snapshot must migrate too.
        var options = new RankingOptions();
        var legacy = new ProductState
        {
            Initialized = true,
            LegacyNeighbours = System.Collections.Immutable.ImmutableDictionary<string, DecayedValue>.Empty.Add("a", new DecayedValue(2, T0)).Add("b", new DecayedValue(5, T0)),
            LegacyNext = System.Collections.Immutable.ImmutableDictionary<string, DecayedValue>.Empty.Add("c", new DecayedValue(1, T0)),
        };

        var snapshot = ProductGrain.ToSnapshot("p", legacy, T0, options);

        Assert.Equal(["b", "a"], snapshot.Neighbours);
        Assert.Equal([5.0, 2.0], snapshot.NeighbourWeights);
        Assert.Equal(["c"], snapshot.Next);
    }
}
