using Aisle.Experiments.Statistics;
using Xunit.Abstractions;
using static Aisle.Tests.Experiments.Reference;

namespace Aisle.Tests.Experiments;

public sealed class MixtureSequentialTestTests(ITestOutputHelper output)
{
    // Reference from the mSPRT's equal-sample-size form in Johari et al. (n per arm, σ² the per-shopper variance):
    //   Λ = √(2σ²/(2σ²+nτ²)) · exp(n²τ²d² / (4σ²(2σ²+nτ²))),
    // computed with mpmath for 500/10,000 vs 600/10,000: d = 0.01, σ² = the mean of the two unbiased variances,
    // τ² = 0.01 · (1100/20000)² = 3.025e-5 → Λ = 18.1675588221734826, p = 1/Λ = 0.0550431684183953907; the interval
    // ends solve Λ(θ0) = 1/0.05 by bisection: (−0.000133264316343382241, 0.0201332643163433822).
    // (A fixed-horizon z-test would call this p ≈ 0.002: the price of being allowed to peek.)
    [Fact]
    public void AWorkedExampleMatchesThePapersFormula()
    {
        var result = MixtureSequentialTest.Compare(SampleMoments.Bernoulli(10_000, 500), SampleMoments.Bernoulli(10_000, 600));

        Close(0.01, result.Difference);
        Close(3.025e-5, MixtureSequentialTest.MixtureVariance(SampleMoments.Bernoulli(10_000, 500), SampleMoments.Bernoulli(10_000, 600)));
        Close(0.0550431684183953907, result.PValue, 1e-9);
        Close(-0.000133264316343382241, result.Low, 1e-7);
        Close(0.0201332643163433822, result.High, 1e-9);
        Assert.False(result.Significant);
        Assert.True(TwoProportionZTest.Compare(500, 10_000, 600, 10_000).PValue < 0.01);
    }

    [Fact]
    public void TheIntervalExcludesZeroExactlyWhenSignificant()
    {
        var random = new Random(7);
        for (var i = 0; i < 2_000; i++)
        {
            var n = random.Next(2, 5_000);
            var result = MixtureSequentialTest.Compare(
                SampleMoments.Bernoulli(n, random.Next(0, n / 10 + 1)), SampleMoments.Bernoulli(n, random.Next(0, n / 10 + 1)));

            Assert.Equal(result.Significant, result.Low > 0 || result.High < 0);
            Assert.Equal(result.Significant, result.PValue < 0.05);
        }
    }

    [Fact]
    public void NoConversionsYetGiveNoEvidence()
    {
        foreach (var result in new[]
        {
            MixtureSequentialTest.Compare(default, default),
            MixtureSequentialTest.Compare(SampleMoments.Bernoulli(300, 0), SampleMoments.Bernoulli(280, 0)),
            MixtureSequentialTest.Compare(SampleMoments.Bernoulli(1, 1), SampleMoments.Bernoulli(300, 20)),
        })
        {
            Assert.Equal(1, result.PValue);
            Assert.False(result.Significant);
            Assert.Equal(double.NegativeInfinity, result.Low);
            Assert.Equal(double.PositiveInfinity, result.High);
        }
    }

    [Fact]
    public void ThenKeepsTheRunningMinimumAndIntersection()
    {
        var first = new SequentialComparison(0.02, 0.001, 0.04, 0.01, true);
        var later = new SequentialComparison(0.01, -0.005, 0.03, 0.2, false);

        var combined = first.Then(later);

        Assert.Equal(new SequentialComparison(0.01, 0.001, 0.03, 0.01, true), combined);
    }

    private const int Peeks = 1_000;
    private const int ShoppersPerArmPerPeek = 10;

    // A/A: both arms convert at 5 %. 500 experiments, each read 1,000 times as 10 more shoppers per arm arrive
    // (10,000 per arm at the end). The mSPRT must stay at or under its 5 %; a fixed-horizon z-test read at every
    // look must blow through it, or this simulation could not tell a valid sequential test from a naive one.
    [Fact]
    public void PeekingAtAnAAExperimentKeepsTheSequentialFalsePositiveRateUnderAlphaButNotTheNaiveOne()
    {
        var (sequential, naive) = Simulate(0.05, 0.05, experiments: 500, seed: 20240601);

        output.WriteLine($"A/A false positive rate over {Peeks} peeks: mSPRT {sequential:P1}, naive z-test {naive:P1}");
        Assert.True(sequential <= 0.05, $"mSPRT false positive rate {sequential:P1}");
        Assert.True(naive > 0.15, $"naive z-test false positive rate {naive:P1}");
    }

    // 5 % vs 7 % (a 40 % lift) under the same peeking: the sequential test should find it in most experiments.
    [Fact]
    public void ARealEffectIsDetectedInMostExperiments()
    {
        var (sequential, naive) = Simulate(0.05, 0.07, experiments: 200, seed: 20240602);

        output.WriteLine($"5 % vs 7 % power over {Peeks} peeks: mSPRT {sequential:P1}, naive z-test {naive:P1}");
        Assert.True(sequential >= 0.9, $"mSPRT power {sequential:P1}");
    }

    /// <returns>Share of experiments ever significant at 0.05 at any look, for the mSPRT and a naive z-test.</returns>
    private static (double Sequential, double Naive) Simulate(double controlRate, double variantRate, int experiments, int seed)
    {
        var random = new Random(seed);
        int sequentialHits = 0, naiveHits = 0;
        for (var e = 0; e < experiments; e++)
        {
            long controlConversions = 0, variantConversions = 0, shoppers = 0;
            bool sequential = false, naive = false;
            for (var peek = 0; peek < Peeks && !(sequential && naive); peek++)
            {
                for (var i = 0; i < ShoppersPerArmPerPeek; i++)
                {
                    controlConversions += random.NextDouble() < controlRate ? 1 : 0;
                    variantConversions += random.NextDouble() < variantRate ? 1 : 0;
                }

                shoppers += ShoppersPerArmPerPeek;
                sequential |= MixtureSequentialTest.Compare(
                    SampleMoments.Bernoulli(shoppers, controlConversions), SampleMoments.Bernoulli(shoppers, variantConversions)).Significant;
                naive |= TwoProportionZTest.Compare(controlConversions, shoppers, variantConversions, shoppers).PValue < 0.05;
            }

            sequentialHits += sequential ? 1 : 0;
            naiveHits += naive ? 1 : 0;
        }

        return ((double)sequentialHits / experiments, (double)naiveHits / experiments);
    }
}
