using Aisle.Learning;

namespace Aisle.Tests.Learning;

/// <summary>A training run publishes its model only when it scores at least as well on the held-back slice as the one in service.</summary>
public class ModelPublishingTests
{
    private const int Pairs = 30;

    // Every shopper buys a then b of one of 30 pairs; about half are held back, so their b judges the models from
    // their a, and the other half teach the new model the pairs.
    private static readonly ShopperSequence[] Shoppers =
        Enumerable.Range(0, 600).Select(i => new ShopperSequence("s" + i, ["a" + i % Pairs, "b" + i % Pairs])).ToArray();

    private static readonly ModelOptions HalfHeldBack = new() { HeldBackEvery = 2, MinShoppers = 0 };

    /// <summary>A model whose lists say, for every aₖ, the next item is <paramref name="next"/>(k).</summary>
    private static ItemModel HandMade(Func<int, int> next)
    {
        var items = Enumerable.Range(0, Pairs).Select(k => "a" + k).Concat(Enumerable.Range(0, Pairs).Select(k => "b" + k)).ToArray();
        var neighbours = new int[items.Length];
        for (var k = 0; k < Pairs; k++)
        {
            neighbours[k] = Pairs + next(k);
            neighbours[Pairs + k] = k;
        }

        return new ItemModel(7, DateTimeOffset.UnixEpoch, items, 1, neighbours, Enumerable.Repeat(1f, items.Length).ToArray(),
            new float[items.Length], 5, 0.6, HeldBackScore.None);
    }

    [Fact]
    public void AWorseModelIsNotPublishedAndTheOneInServiceStays()
    {
        var perfect = HandMade(k => k);
        // No epoch: the new model knows only popularity, which cannot tell which b follows which a.
        var untrained = new TrainingSettings { Epochs = 0, Dimensions = 8, Neighbours = 10 };

        var outcome = TrainingRun.Run(Shoppers, perfect, untrained, HalfHeldBack, 8, DateTimeOffset.UnixEpoch);

        Assert.Equal(TrainingOutcome.KeptPrevious, outcome.Outcome);
        Assert.Null(outcome.Published);
        Assert.Equal(1.0, outcome.Previous.HitRate10);
        Assert.True(outcome.Candidate.Objective < outcome.Previous.Objective);
    }

    [Fact]
    public void AModelAtLeastAsGoodAsTheOneInServiceIsPublished()
    {
        var wrong = HandMade(k => (k + 1) % Pairs);
        var settings = new TrainingSettings { Epochs = 30, Dimensions = 16, Neighbours = 10, Negatives = 5 };

        var outcome = TrainingRun.Run(Shoppers, wrong, settings, HalfHeldBack, 8, DateTimeOffset.UnixEpoch);

        Assert.Equal(TrainingOutcome.PublishedOutcome, outcome.Outcome);
        Assert.Equal(8, outcome.Published!.Version);
        Assert.Equal(0.0, outcome.Previous.HitRate10);
        Assert.True(outcome.Candidate.HitRate10 > 0.9, $"HR@10 {outcome.Candidate.HitRate10}");
        Assert.Equal(outcome.Candidate, outcome.Published.HeldBack);
    }

    [Fact]
    public void TooFewShoppersTrainNothing()
    {
        var outcome = TrainingRun.Run(Shoppers.Take(5).ToArray(), null, new TrainingSettings(), new ModelOptions { MinShoppers = 50 }, 1, DateTimeOffset.UnixEpoch);

        Assert.Equal(TrainingOutcome.TooLittleData, outcome.Outcome);
        Assert.Null(outcome.Published);
    }
}
