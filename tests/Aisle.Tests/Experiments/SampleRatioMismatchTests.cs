using Aisle.Experiments.Statistics;
using static Aisle.Tests.Experiments.Reference;

namespace Aisle.Tests.Experiments;

public sealed class SampleRatioMismatchTests
{
    // 821,588 vs 815,482 on a 50/50 split: expected 818,535 each, χ² = 2·3053²/818535 = 22.7743688418943600,
    // 1 df so p = erfc(√(χ²/2)) = 1.82179287261918719e-6 (mpmath, 30 digits).
    [Fact]
    public void ASmallImbalanceOnMillionsOfShoppersIsAMismatch()
    {
        var check = SampleRatioMismatch.Check([821_588, 815_482], [0.5, 0.5]);

        Close(22.7743688418943600, check.ChiSquare);
        Close(1.82179287261918719e-6, check.PValue, 1e-8);
        Assert.True(check.Mismatch);
    }

    // Three equal arms 10,000 / 10,200 / 9,800: expected 10,000 each, χ² = (0 + 200² + 200²)/10000 = 8 exactly;
    // with 2 df the upper tail is exp(−χ²/2) = e⁻⁴ = 0.0183156388887341803.
    [Fact]
    public void ThreeArmsUseTwoDegreesOfFreedom()
    {
        var check = SampleRatioMismatch.Check([10_000, 10_200, 9_800], [1.0 / 3, 1.0 / 3, 1.0 / 3]);

        Close(8, check.ChiSquare, 1e-12);
        Close(Math.Exp(-4), check.PValue, 1e-10);
        Assert.False(check.Mismatch);
    }

    // Weights 1:1:2 mean shares ¼, ¼, ½: 5,000 / 5,100 / 10,120 of 20,220 → χ² = 1.00890207715133531, p = e^(−χ²/2) = 0.603836967659773201.
    [Fact]
    public void SharesAreNormalisedSoWeightsWork()
    {
        var check = SampleRatioMismatch.Check([5_000, 5_100, 10_120], [1, 1, 2]);

        Close(1.00890207715133531, check.ChiSquare);
        Close(0.603836967659773201, check.PValue, 1e-10);
        Assert.False(check.Mismatch);
    }

    [Fact]
    public void NoShoppersOrOneArmIsNeverAMismatch()
    {
        foreach (var check in new[]
        {
            SampleRatioMismatch.Check([0, 0], [0.5, 0.5]),
            SampleRatioMismatch.Check([], []),
            SampleRatioMismatch.Check([1234], [1]),
        })
        {
            Assert.Equal(0, check.ChiSquare);
            Assert.Equal(1, check.PValue);
            Assert.False(check.Mismatch);
        }
    }

    [Fact]
    public void ShoppersInAnArmThatShouldGetNoneAreAMismatch()
    {
        var check = SampleRatioMismatch.Check([500, 480, 3], [0.5, 0.5, 0]);

        Assert.Equal(0, check.PValue);
        Assert.True(check.Mismatch);
    }

    [Fact]
    public void AnExactSplitHasPOne()
    {
        var check = SampleRatioMismatch.Check([700, 300], [0.7, 0.3]);

        Assert.Equal(0, check.ChiSquare, 1e-12);
        Assert.Equal(1, check.PValue, 1e-12);
    }

    [Fact]
    public void MismatchedListsAreRejected() =>
        Assert.Throws<ArgumentException>(() => SampleRatioMismatch.Check([1, 2], [1.0]));
}
