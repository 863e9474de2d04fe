using Aisle.Experiments.Statistics;
using static Aisle.Tests.Experiments.Reference;

namespace Aisle.Tests.Experiments;

public sealed class SampleMomentsTests
{
    [Fact]
    public void BernoulliMomentsHaveTheRateAsMeanAndTheUnbiasedVariance()
    {
        var moments = SampleMoments.Bernoulli(10_000, 500);

        Assert.Equal(new SampleMoments(10_000, 500, 500), moments);
        Close(0.05, moments.Mean);
        Close(0.05 * 0.95 * 10_000 / 9_999, moments.Variance);
    }

    // Welch's A1 sample: mean 20.82, unbiased variance 7.86742857142857143 (mpmath, exact decimal arithmetic).
    [Fact]
    public void AddingValuesGivesTheirMeanAndUnbiasedVariance()
    {
        var moments = WelchTTestTests.Moments([27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4]);

        Assert.Equal(15, moments.Count);
        Close(20.82, moments.Mean);
        Close(7.86742857142857143, moments.Variance, 1e-12);
        Close(7.86742857142857143 / 15, moments.VarianceOfMean, 1e-12);
    }

    [Fact]
    public void MergingTwoGroupsEqualsAddingTheirShoppersOneByOne()
    {
        var first = WelchTTestTests.Moments([1, 2, 3]);
        var second = WelchTTestTests.Moments([10, 20]);

        Assert.Equal(WelchTTestTests.Moments([1, 2, 3, 10, 20]), first.Add(second));
    }

    [Fact]
    public void EmptyAndSingleShopperMomentsHaveZeroMeanOrVarianceNotNaN()
    {
        Assert.Equal(0, SampleMoments.Empty.Mean);
        Assert.Equal(0, SampleMoments.Empty.Variance);
        Assert.Equal(0, SampleMoments.Empty.VarianceOfMean);
        Assert.Equal(42, new SampleMoments().Add(42).Mean);
        Assert.Equal(0, new SampleMoments().Add(42).Variance);
    }

    [Fact]
    public void TheSameValueOverAndOverNeverGivesANegativeVariance()
    {
        // Σx² − (Σx)²/n for 1,000 × 0.7 is about −2.8e-12 in doubles.
        var moments = WelchTTestTests.Moments(Enumerable.Repeat(0.7, 1_000));

        Assert.InRange(moments.Variance, 0, 1e-12);
    }

    [Fact]
    public void ImpossibleBernoulliCountsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleMoments.Bernoulli(10, 11));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleMoments.Bernoulli(-1, 0));
    }
}
