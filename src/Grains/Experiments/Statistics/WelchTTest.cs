using MathNet.Numerics.Distributions;

namespace Aisle.Experiments.Statistics;

/// <summary>
/// Fixed-horizon two-sided Welch t-test on means (e.g. revenue per shopper): it does not assume equal variances,
/// which matters because a variant that changes behaviour usually changes the spread too. Degrees of freedom by
/// Welch–Satterthwaite; quantiles and tail probabilities from MathNet's Student t.
/// </summary>
public static class WelchTTest
{
    /// <summary>
    /// Compares the variant's mean with the control's. Fewer than 2 shoppers in an arm, or no variation in either
    /// arm, gives p = 1 and interval (−∞, +∞) (see <see cref="Comparison"/>).
    /// </summary>
    public static Comparison Compare(SampleMoments control, SampleMoments variant, double confidence = 0.95)
    {
        Comparison.CheckConfidence(confidence);
        var (m1, m2) = (control.Mean, variant.Mean);
        var v1 = control.VarianceOfMean;
        var v2 = variant.VarianceOfMean;
        var se2 = v1 + v2;
        if (control.Count < 2 || variant.Count < 2 || !(se2 > 0) || double.IsInfinity(se2))
        {
            return Comparison.Create(m1, m2, double.NegativeInfinity, double.PositiveInfinity, 1);
        }

        var df = DegreesOfFreedom(control, variant);
        var se = Math.Sqrt(se2);
        var difference = m2 - m1;
        var pValue = 2 * StudentT.CDF(0, 1, df, -Math.Abs(difference / se));
        var t = StudentT.InvCDF(0, 1, df, 1 - (1 - confidence) / 2);
        return Comparison.Create(m1, m2, difference - t * se, difference + t * se, pValue);
    }

    /// <summary>Welch–Satterthwaite degrees of freedom; NaN when an arm has fewer than 2 shoppers or neither varies.</summary>
    public static double DegreesOfFreedom(SampleMoments control, SampleMoments variant)
    {
        if (control.Count < 2 || variant.Count < 2)
        {
            return double.NaN;
        }

        var v1 = control.VarianceOfMean;
        var v2 = variant.VarianceOfMean;
        var denominator = v1 * v1 / (control.Count - 1) + v2 * v2 / (variant.Count - 1);
        return denominator > 0 ? (v1 + v2) * (v1 + v2) / denominator : double.NaN;
    }
}
