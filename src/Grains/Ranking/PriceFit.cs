using Aisle.Users;

namespace Aisle.Ranking;

/// <summary>How well a price fits a shopper's price band, in [0, 1].</summary>
public static class PriceFit
{
    /// <summary>A floor on the band's spread so one purchase does not make every other price a misfit.</summary>
    public const double MinStdDevLogPrice = 0.35;

    /// <summary>
    /// Gaussian in log-price: 1 at the band's mean, exp(-1/2) one (floored) standard deviation away. Null when the
    /// price or band is unknown: no evidence either way.
    /// </summary>
    public static double? Score(double? price, PriceBand? band)
    {
        if (price is not > 0 || band is null || band.Weight <= 0)
        {
            return null;
        }

        var sigma = Math.Max(band.StdDevLogPrice, MinStdDevLogPrice);
        var z = (Math.Log(price.Value) - band.MeanLogPrice) / sigma;
        return Math.Exp(-0.5 * z * z);
    }
}
