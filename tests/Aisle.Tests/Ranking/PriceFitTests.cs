using Aisle.Ranking;
using Aisle.Users;

namespace Aisle.Tests.Ranking;

public class PriceFitTests
{
    [Fact]
    public void APriceAtTheBandsMeanFitsPerfectly()
    {
        var band = new PriceBand(Math.Log(1000), 0.5, 3);

        Assert.Equal(1.0, PriceFit.Score(1000, band)!.Value, 10);
    }

    [Fact]
    public void OneStandardDeviationAwayScoresExpMinusHalf()
    {
        var band = new PriceBand(Math.Log(1000), 0.5, 3);
        var oneSigmaUp = 1000 * Math.Exp(0.5);
        var twoSigmaDown = 1000 * Math.Exp(-1.0);

        Assert.Equal(Math.Exp(-0.5), PriceFit.Score(oneSigmaUp, band)!.Value, 10);
        Assert.Equal(Math.Exp(-2.0), PriceFit.Score(twoSigmaDown, band)!.Value, 10);
    }

    [Fact]
    public void ANarrowBandIsWidenedToTheMinimumSpread()
    {
        // One purchase gives zero spread; the floor (0.35) keeps nearby prices from scoring zero.
        var band = new PriceBand(Math.Log(500), 0, 1);
        var price = 500 * Math.Exp(0.35);

        Assert.Equal(Math.Exp(-0.5), PriceFit.Score(price, band)!.Value, 10);
    }

    [Fact]
    public void UnknownPriceOrBandGivesNoEvidence()
    {
        var band = new PriceBand(Math.Log(500), 0.5, 1);

        Assert.Null(PriceFit.Score(null, band));
        Assert.Null(PriceFit.Score(0, band));
        Assert.Null(PriceFit.Score(500, null));
        Assert.Null(PriceFit.Score(500, band with { Weight = 0 }));
    }
}
