using Aisle.Learning;

namespace Aisle.Tests.Learning;

/// <summary>The trainer learns an obvious structure from a tiny hand-made set of sequences.</summary>
public class NextItemTrainerTests
{
    // Items 0–11 in four chains: 0→1→2, 3→4→5, 6→7→8, 9→10→11; each chain walked by many shoppers.
    private static readonly int[][] Chains = [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9, 10, 11]];

    private static readonly TrainingSettings Small = new() { Dimensions = 8, Epochs = 30, Negatives = 4, Context = 2, Neighbours = 5 };

    private static int[][] Sequences() => Enumerable.Range(0, 200).Select(i => Chains[i % Chains.Length]).ToArray();

    [Fact]
    public void EachItemsBestNextItemIsTheOneThatFollowsItInItsChain()
    {
        var embeddings = NextItemTrainer.Train(Sequences(), 12, Small);
        var model = NeighbourLists.Build(embeddings, Enumerable.Range(0, 12).Select(i => "p" + i).ToArray(), Small, 1, DateTimeOffset.UnixEpoch, HeldBackScore.None);

        foreach (var chain in Chains)
        {
            Assert.Equal(chain[1], model.Neighbours[chain[0] * model.Kept]);
            Assert.Equal(chain[2], model.Neighbours[chain[1] * model.Kept]);
        }
    }

    [Fact]
    public void TheServedModelPredictsTheNextStepFromAHistory()
    {
        var embeddings = NextItemTrainer.Train(Sequences(), 12, Small);
        var model = new ServedModel(NeighbourLists.Build(embeddings, Enumerable.Range(0, 12).Select(i => "p" + i).ToArray(), Small, 1,
            DateTimeOffset.UnixEpoch, HeldBackScore.None));

        // After p3 then p4 (newest first: p4, p3) comes p5.
        var next = model.Next(["p4", "p3"]).Where(p => p.Key is not ("p3" or "p4")).MaxBy(p => p.Value).Key;

        Assert.Equal("p5", next);
    }

    [Fact]
    public void TheSameDataAndSeedTrainTheSameModel()
    {
        var first = NextItemTrainer.Train(Sequences(), 12, Small);
        var second = NextItemTrainer.Train(Sequences(), 12, Small);

        Assert.Equal(first.Input, second.Input);
        Assert.Equal(first.Output, second.Output);
    }
}
