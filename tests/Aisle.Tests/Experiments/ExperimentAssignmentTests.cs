using Aisle.Experiments;
using Aisle.Ranking;

namespace Aisle.Tests.Experiments;

public sealed class ExperimentAssignmentTests
{
    private static ExperimentDefinition Experiment(string salt, double holdout = 0, params (string Name, double Weight)[] variants) => new(
        "exp", salt, ExperimentStatus.Running, ExperimentSurface.All,
        variants.Select(v => new ExperimentVariant(v.Name, v.Weight, null, new Dictionary<string, double>())).ToArray(), holdout, TimeSpan.FromDays(1));

    [Fact]
    public void AShopperAlwaysGetsTheSameVariantAndANewSaltReshuffles()
    {
        var experiment = Experiment("s1", 0, ("a", 50), ("b", 50));
        var shoppers = Enumerable.Range(0, 1000).Select(i => $"shopper-{i}").ToArray();

        var first = shoppers.Select(s => ExperimentAssignment.Assign(experiment, s)).ToArray();
        var again = shoppers.Select(s => ExperimentAssignment.Assign(experiment, s)).ToArray();
        var resalted = shoppers.Select(s => ExperimentAssignment.Assign(experiment with { Salt = "s2" }, s)).ToArray();

        Assert.Equal(first, again);
        var moved = first.Zip(resalted).Count(p => p.First != p.Second);
        Assert.InRange(moved, 400, 600);
    }

    [Fact]
    public void TrafficFollowsTheWeightsAndTheHoldout()
    {
        var experiment = Experiment("weights", 10, ("a", 20), ("b", 30), ("c", 50));
        var counts = Enumerable.Range(0, 40_000).Select(i => ExperimentAssignment.Assign(experiment, $"u{i}"))
            .GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count() / 40_000.0);

        Assert.Equal(0.10, counts[ExperimentDefinition.Holdout], 2);
        Assert.Equal(0.18, counts["a"], 2);
        Assert.Equal(0.27, counts["b"], 2);
        Assert.Equal(0.45, counts["c"], 2);
    }

    [Fact]
    public void BucketsAreUniform()
    {
        var buckets = Enumerable.Range(0, 100_000).Select(i => ExperimentAssignment.Bucket("salt", $"user-{i}") / 1000).ToArray();
        var perDecile = buckets.GroupBy(b => b).Select(g => g.Count()).ToArray();

        Assert.Equal(10, perDecile.Length);
        Assert.All(perDecile, n => Assert.InRange(n, 9_500, 10_500));
    }

    [Fact]
    public void TheRouterServesAVariantsProfileOnlyOnItsSurfaceAndOnlyToKnownShoppers()
    {
        var experiment = new ExperimentDefinition("exp", "salt", ExperimentStatus.Running, ExperimentSurface.Recommendations,
            [
                new ExperimentVariant("popular", 50, RecommendationStrategy.Popular, new Dictionary<string, double>()),
                new ExperimentVariant("heavy", 50, null, new Dictionary<string, double> { ["Taste"] = 2 }),
            ], 0, TimeSpan.FromDays(1));
        var router = new ExperimentRouter([experiment], RankingProfile.Default);

        var (anonymous, none) = router.Route(ExperimentSurface.Recommendations, null);
        var (search, noSearchExposure) = router.Route(ExperimentSurface.Search, "u1");
        var routed = Enumerable.Range(0, 200).Select(i => router.Route(ExperimentSurface.Recommendations, $"u{i}")).ToArray();

        Assert.Same(RankingProfile.Default, anonymous);
        Assert.Null(none);
        Assert.Same(RankingProfile.Default, search);
        Assert.Null(noSearchExposure);
        Assert.All(routed, r => Assert.Equal(r.Exposure!.Variant == "popular" ? RecommendationStrategy.Popular : RecommendationStrategy.Hybrid, r.Profile.Strategy));
        Assert.All(routed.Where(r => r.Exposure!.Variant == "heavy"), r => Assert.Equal(2, r.Profile.Taste));
        Assert.Contains(routed, r => r.Exposure!.Variant == "popular");
        Assert.Contains(routed, r => r.Exposure!.Variant == "heavy");

        router.Set(new ExperimentSet(1, [experiment with { Status = ExperimentStatus.Stopped }]));
        Assert.Null(router.Route(ExperimentSurface.Recommendations, "u1").Exposure);
    }
}
