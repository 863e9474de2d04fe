using Aisle.Cli.Evaluation;

namespace Aisle.Tests.Evaluation;

public sealed class RankingMetricsTests
{
    [Fact]
    public void AHitAtTheTopScoresOneOnEveryMetric()
    {
        Assert.Equal(1, RankingMetrics.HitRate(0, 5));
        Assert.Equal(1, RankingMetrics.Ndcg(0, 5), 12);
    }

    [Fact]
    public void NdcgDiscountsByTheLogarithmOfThePosition()
    {
        // Third place: 1 / log2(2 + 2) = 0.5; tenth place: 1 / log2(11).
        Assert.Equal(0.5, RankingMetrics.Ndcg(2, 10), 12);
        Assert.Equal(0.289064826317888, RankingMetrics.Ndcg(9, 10), 12);
    }

    [Fact]
    public void AnItemAtOrBelowTheCutoffCountsForNothing()
    {
        Assert.Equal(0, RankingMetrics.HitRate(5, 5));
        Assert.Equal(0, RankingMetrics.Ndcg(5, 5));
        Assert.Equal(1, RankingMetrics.HitRate(5, 10));
        Assert.Equal(0, RankingMetrics.HitRate(-1, 20));
    }

    [Fact]
    public void MeansAreTakenOverEveryUserIncludingMisses()
    {
        // Ranks 0, 2, not ranked, 12.
        var metrics = RankingMetrics.FromRanks([0, 2, -1, 12]);

        Assert.Equal(4, metrics.Users);
        Assert.Equal(0.5, metrics.HitRate[5], 12);
        Assert.Equal(0.5, metrics.HitRate[10], 12);
        Assert.Equal(0.75, metrics.HitRate[20], 12);
        Assert.Equal((1 + 0.5) / 4, metrics.Ndcg[10], 12);
        Assert.Equal((1 + 0.5 + 1 / Math.Log2(14)) / 4, metrics.Ndcg[20], 12);
    }

    [Fact]
    public void RankOfFindsTheZeroBasedPositionOrMinusOne()
    {
        Assert.Equal(2, RankingMetrics.RankOf(["a", "b", "c"], "c"));
        Assert.Equal(-1, RankingMetrics.RankOf(["a", "b", "c"], "z"));
    }

    [Fact]
    public void LeaveOneOutHoldsOutTheLastItemForTestAndTheOneBeforeForValidation()
    {
        var split = LeaveOneOut.Split(new UserSequence("u", ["1", "2", "3", "4"]))!;

        Assert.Equal(["1", "2"], split.Training);
        Assert.Equal("3", split.Validation);
        Assert.Equal("4", split.Test);
        Assert.Null(LeaveOneOut.Split(new UserSequence("short", ["1", "2"])));
    }

    [Fact]
    public void AnySequenceFileInTheUserItemsFormatLoads()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(file, ["u1 10 11 12", "", "u2 11 13 10 14"]);
            var data = SequenceData.Load(file, attributesFile: null);

            Assert.Equal(2, data.Users.Count);
            Assert.Equal(["10", "11", "12", "13", "14"], data.Items);
            Assert.Equal(7, data.Interactions);
            Assert.Empty(data.Attributes);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void ContentVectorsScoreAttributeOverlap()
    {
        var attributes = new Dictionary<string, int[]> { ["a"] = [1, 2], ["b"] = [2, 3], ["c"] = [4] };
        var v = ContentVectors.Build(["a", "b", "c"], attributes);

        Assert.Equal(0.5, Dot(v[0], v[1]), 5); // one shared of two each: 1 / √(2·2)
        Assert.Equal(0, Dot(v[0], v[2]), 5);
        Assert.Equal(1, Dot(v[2], v[2]), 5);
    }

    private static double Dot(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();
}
