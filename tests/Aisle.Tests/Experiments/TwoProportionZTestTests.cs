using Aisle.Experiments.Statistics;
using static Aisle.Tests.Experiments.Reference;

namespace Aisle.Tests.Experiments;

public sealed class TwoProportionZTestTests
{
    // Reference: 480/10,000 vs 560/10,000, computed with mpmath at 30 digits from the textbook formulas (the same
    // numbers statsmodels' proportions_ztest gives for the statistic and p-value):
    //   pooled p = 1040/20000, z = (0.056 − 0.048) / √(p(1−p)(2/10000)) = 2.54782238322497426,
    //   p = erfc(|z|/√2) = 0.0108397645316051958;
    //   unpooled SE = √(0.048·0.952/10000 + 0.056·0.944/10000), 95 % interval 0.008 ± 1.959963984540054·SE
    //   = (0.00184683673735522393, 0.0141531632626447761); 99 % (z 2.5758293035489) = (−0.0000866272882868230, 0.0160866272882868230).
    [Fact]
    public void AWorkedExampleMatchesTheTextbookFormulas()
    {
        var result = TwoProportionZTest.Compare(480, 10_000, 560, 10_000);

        Close(0.048, result.ControlValue);
        Close(0.056, result.VariantValue);
        Close(0.008, result.Difference);
        Close(0.0108397645316051958, result.PValue);
        Close(0.00184683673735522393, result.DifferenceLow);
        Close(0.0141531632626447761, result.DifferenceHigh);
        Close(0.008 / 0.048, result.Lift);
        Close(0.00184683673735522393 / 0.048, result.LiftLow);
        Close(0.0141531632626447761 / 0.048, result.LiftHigh);
    }

    [Fact]
    public void AHigherConfidenceWidensTheIntervalUntilItCrossesZero()
    {
        var result = TwoProportionZTest.Compare(480, 10_000, 560, 10_000, confidence: 0.99);

        Close(-0.0000866272882868230, result.DifferenceLow, 1e-7);
        Close(0.0160866272882868230, result.DifferenceHigh);
        Close(0.0108397645316051958, result.PValue);
        Assert.True(result.IsSignificant(0.95));
        Assert.False(result.IsSignificant(0.99));
    }

    [Fact]
    public void EmptyArmsGiveNoEvidenceAndAnUnboundedInterval()
    {
        foreach (var result in new[]
        {
            TwoProportionZTest.Compare(0, 0, 0, 0),
            TwoProportionZTest.Compare(5, 100, 0, 0),
            TwoProportionZTest.Compare(0, 0, 5, 100),
        })
        {
            Assert.Equal(1, result.PValue);
            Assert.Equal(double.NegativeInfinity, result.DifferenceLow);
            Assert.Equal(double.PositiveInfinity, result.DifferenceHigh);
        }
    }

    [Fact]
    public void NoConversionsAnywhereGiveNoEvidenceAndNaNLift()
    {
        var result = TwoProportionZTest.Compare(0, 500, 0, 480);

        Assert.Equal(1, result.PValue);
        Assert.Equal(0, result.Difference);
        Assert.Equal(double.NegativeInfinity, result.DifferenceLow);
        Assert.Equal(double.PositiveInfinity, result.DifferenceHigh);
        Assert.True(double.IsNaN(result.Lift));
        Assert.True(double.IsNaN(result.LiftLow));
    }

    [Fact]
    public void ImpossibleCountsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TwoProportionZTest.Compare(11, 10, 1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => TwoProportionZTest.Compare(1, 10, 1, 10, confidence: 1));
    }
}
