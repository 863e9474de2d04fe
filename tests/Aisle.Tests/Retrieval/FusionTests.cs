using Aisle.Retrieval;

namespace Aisle.Tests.Retrieval;

public sealed class FusionTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void ScoreIsTheWeightedSumOfReciprocalRanks()
    {
        var fused = HybridFusion.Fuse(
        [
            new SourceRanking("A", 1.0, ["x", "y", "z"]),
            new SourceRanking("B", 0.5, ["p", "q", "x"]),
        ]);

        var x = fused.Single(h => h.Id == "x");
        Assert.Equal((1.0 / 61) + (0.5 / 63), x.Score, Tolerance);
        Assert.Equal([new FusionSource("A", 1), new FusionSource("B", 3)], x.Sources);
        Assert.Equal(0.5 / 61, fused.Single(h => h.Id == "p").Score, Tolerance);
    }

    [Fact]
    public void FusedListIsOrderedByScore()
    {
        var fused = HybridFusion.Fuse(
        [
            new SourceRanking("A", 1.0, ["x", "y", "z"]),
            new SourceRanking("B", 0.5, ["p", "q", "x"]),
        ]);

        // x: 1/61 + 0.5/63; y: 1/62; z: 1/63; p: 0.5/61; q: 0.5/62.
        Assert.Equal(["x", "y", "z", "p", "q"], fused.Select(h => h.Id));
        Assert.Equal([new FusionSource("A", 2)], fused[1].Sources);
    }

    [Fact]
    public void EqualScoresAreOrderedById()
    {
        var fused = HybridFusion.Fuse(
        [
            new SourceRanking("A", 1.0, ["b", "d"]),
            new SourceRanking("B", 1.0, ["c", "a"]),
        ]);

        Assert.Equal(["b", "c", "a", "d"], fused.Select(h => h.Id));
    }

    [Fact]
    public void AnIdRepeatedInOneListCountsOnlyAtItsBestRank()
    {
        var fused = HybridFusion.Fuse([new SourceRanking("A", 2.0, ["x", "y", "x"])]);

        Assert.Equal(2.0 / 61, fused[0].Score, Tolerance);
        Assert.Single(fused[0].Sources);
        Assert.Equal(2, fused.Count);
    }

    [Fact]
    public void ListsWithoutPositiveWeightAreIgnored()
    {
        var fused = HybridFusion.Fuse(
        [
            new SourceRanking("A", 1.0, ["x"]),
            new SourceRanking("B", 0.0, ["y"]),
            new SourceRanking("C", -1.0, ["x"]),
            new SourceRanking("D", double.NaN, ["z"]),
        ]);

        Assert.Equal(["x"], fused.Select(h => h.Id));
        Assert.Equal(1.0 / 61, fused[0].Score, Tolerance);
    }

    [Fact]
    public void TheRankConstantIsApplied()
    {
        var fused = HybridFusion.Fuse([new SourceRanking("A", 1.0, ["x", "y"])], k: 0);

        Assert.Equal(1.0, fused[0].Score, Tolerance);
        Assert.Equal(0.5, fused[1].Score, Tolerance);
    }

    [Fact]
    public void LimitKeepsOnlyTheBest()
    {
        var fused = HybridFusion.Fuse([new SourceRanking("A", 1.0, ["x", "y", "z"])], limit: 2);

        Assert.Equal(["x", "y"], fused.Select(h => h.Id));
        Assert.Empty(HybridFusion.Fuse([new SourceRanking("A", 1.0, ["x"])], limit: 0));
    }

    [Fact]
    public void NoListsGiveNoHits() => Assert.Empty(HybridFusion.Fuse([]));
}
