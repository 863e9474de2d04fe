using MathNet.Numerics.Distributions;

namespace Aisle.Experiments.Statistics;

/// <summary>
/// Fixed-horizon two-sided z-test on conversion rates. The p-value uses the pooled standard error (the standard
/// error under the null of equal rates, as in statsmodels' <c>proportions_ztest</c>); the interval uses the
/// unpooled (Wald) standard error, because outside the null the two rates differ and each has its own variance.
/// </summary>
public static class TwoProportionZTest
{
    /// <summary>
    /// Compares the variant's conversion rate with the control's. An arm with no trials, or an arm whose rate is 0 or 1
    /// on both sides so no standard error exists, gives p = 1 and interval (−∞, +∞) (see <see cref="Comparison"/>).
    /// </summary>
    public static Comparison Compare(long controlSuccesses, long controlTrials, long variantSuccesses, long variantTrials,
        double confidence = 0.95)
    {
        Comparison.CheckConfidence(confidence);
        // Validates the counts the same way SampleMoments does.
        _ = SampleMoments.Bernoulli(controlTrials, controlSuccesses);
        _ = SampleMoments.Bernoulli(variantTrials, variantSuccesses);

        var p1 = controlTrials > 0 ? (double)controlSuccesses / controlTrials : 0;
        var p2 = variantTrials > 0 ? (double)variantSuccesses / variantTrials : 0;
        if (controlTrials == 0 || variantTrials == 0)
        {
            return Comparison.Create(p1, p2, double.NegativeInfinity, double.PositiveInfinity, 1);
        }

        var difference = p2 - p1;
        var pooled = (double)(controlSuccesses + variantSuccesses) / (controlTrials + variantTrials);
        var pooledSe = Math.Sqrt(pooled * (1 - pooled) * (1.0 / controlTrials + 1.0 / variantTrials));
        var pValue = pooledSe > 0 ? 2 * Normal.CDF(0, 1, -Math.Abs(difference / pooledSe)) : 1;

        var se = Math.Sqrt(p1 * (1 - p1) / controlTrials + p2 * (1 - p2) / variantTrials);
        if (!(se > 0))
        {
            return Comparison.Create(p1, p2, double.NegativeInfinity, double.PositiveInfinity, pValue);
        }

        var z = Normal.InvCDF(0, 1, 1 - (1 - confidence) / 2);
        return Comparison.Create(p1, p2, difference - z * se, difference + z * se, pValue);
    }
}
