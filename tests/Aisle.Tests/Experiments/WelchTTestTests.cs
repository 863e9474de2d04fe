using Aisle.Experiments.Statistics;
using static Aisle.Tests.Experiments.Reference;

namespace Aisle.Tests.Experiments;

public sealed class WelchTTestTests
{
    // The classic example data of Welch's t-test (Wikipedia, "Welch's t-test", example 1: unequal variances, equal sizes).
    private static readonly double[] A1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
    private static readonly double[] A2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];

    // Reference computed with mpmath at 30 digits: t = −2.45535639828600506 (A1 − A2), df = 24.9885292902314144,
    // p = I_{df/(df+t²)}(df/2, ½) = 0.0213780014628670325, which is scipy's
    // ttest_ind(A1, A2, equal_var=False).pvalue 0.021378001462867013. Interval for A2 − A1 = 2.1666…:
    // t_{0.975, df} = 2.05958649136562572, giving (0.349237066192405229, 3.98409626714092810).
    [Fact]
    public void TheClassicWelchExampleMatchesScipy()
    {
        var result = WelchTTest.Compare(Moments(A1), Moments(A2));

        Close(20.82, result.ControlValue);
        Close(22.9866666666666667, result.VariantValue);
        Close(2.16666666666666667, result.Difference);
        Close(24.9885292902314144, WelchTTest.DegreesOfFreedom(Moments(A1), Moments(A2)));
        Close(0.0213780014628670325, result.PValue, 1e-8);
        Close(0.349237066192405229, result.DifferenceLow, 1e-7);
        Close(3.98409626714092810, result.DifferenceHigh, 1e-8);
        Close(2.16666666666666667 / 20.82, result.Lift);
    }

    [Fact]
    public void FewerThanTwoShoppersInAnArmGiveNoEvidence()
    {
        foreach (var (control, variant) in new[]
        {
            (default(SampleMoments), default(SampleMoments)),
            (Moments(A1), new SampleMoments().Add(30)),
            (default(SampleMoments), Moments(A2)),
        })
        {
            var result = WelchTTest.Compare(control, variant);

            Assert.Equal(1, result.PValue);
            Assert.Equal(double.NegativeInfinity, result.DifferenceLow);
            Assert.Equal(double.PositiveInfinity, result.DifferenceHigh);
        }
    }

    [Fact]
    public void NoVariationInEitherArmGivesNoEvidenceNotNaN()
    {
        // Nobody bought anything yet: revenue 0 for every shopper in both arms.
        var zeros = Enumerable.Repeat(0.0, 50).Aggregate(default(SampleMoments), (m, x) => m.Add(x));

        var result = WelchTTest.Compare(zeros, zeros);

        Assert.Equal(1, result.PValue);
        Assert.Equal(0, result.Difference);
        Assert.Equal(double.PositiveInfinity, result.DifferenceHigh);
        Assert.True(double.IsNaN(result.Lift));
    }

    [Fact]
    public void OneVaryingArmIsEnough()
    {
        var zeros = Enumerable.Repeat(0.0, 15).Aggregate(default(SampleMoments), (m, x) => m.Add(x));

        var result = WelchTTest.Compare(zeros, Moments(A2));

        // Only A2 varies, so df = n − 1 = 14 and the test is a one-sample t-test of A2's mean against 0.
        Close(14, WelchTTest.DegreesOfFreedom(zeros, Moments(A2)));
        Assert.True(result.PValue < 1e-10);
        Assert.True(result.DifferenceLow > 20);
    }

    internal static SampleMoments Moments(IEnumerable<double> values) =>
        values.Aggregate(default(SampleMoments), (m, x) => m.Add(x));
}
