using MathNet.Numerics;

namespace Aisle.Experiments.Statistics;

/// <summary>
/// Sample ratio mismatch: Pearson's chi-square goodness-of-fit of the shoppers per variant against the configured
/// traffic shares, k − 1 degrees of freedom. The threshold is strict (0.001) because the check runs on every report
/// refresh and a flag means "do not read this experiment", so false alarms are expensive.
/// </summary>
public static class SampleRatioMismatch
{
    /// <summary>Flag when p is below this.</summary>
    public const double Threshold = 0.001;

    /// <summary>
    /// Checks observed shoppers per variant against expected shares (normalised to sum to 1, so weights like
    /// 1, 1, 2 are fine). No shoppers, or fewer than 2 variants, give chi-square 0, p = 1, no mismatch. Shoppers in a
    /// variant with share 0 give chi-square +∞, p = 0, mismatch.
    /// </summary>
    /// <exception cref="ArgumentException">Lists of different lengths, negative or non-finite values, or shares summing to 0.</exception>
    public static SampleRatioCheck Check(IReadOnlyList<long> observed, IReadOnlyList<double> expectedShares)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(expectedShares);
        if (observed.Count != expectedShares.Count)
        {
            throw new ArgumentException("One expected share per observed count is needed.", nameof(expectedShares));
        }

        double total = 0, shareTotal = 0;
        for (var i = 0; i < observed.Count; i++)
        {
            if (observed[i] < 0)
            {
                throw new ArgumentException("Observed counts cannot be negative.", nameof(observed));
            }

            if (!(expectedShares[i] >= 0) || double.IsInfinity(expectedShares[i]))
            {
                throw new ArgumentException("Expected shares must be finite and not negative.", nameof(expectedShares));
            }

            total += observed[i];
            shareTotal += expectedShares[i];
        }

        if (observed.Count > 0 && !(shareTotal > 0))
        {
            throw new ArgumentException("Expected shares must not all be 0.", nameof(expectedShares));
        }

        if (observed.Count < 2 || total == 0)
        {
            return new SampleRatioCheck(0, 1, false);
        }

        double chiSquare = 0;
        for (var i = 0; i < observed.Count; i++)
        {
            var expected = total * expectedShares[i] / shareTotal;
            if (expected > 0)
            {
                var gap = observed[i] - expected;
                chiSquare += gap * gap / expected;
            }
            else if (observed[i] > 0)
            {
                chiSquare = double.PositiveInfinity;
            }
        }

        // Upper tail of chi-square(k − 1) = Q((k − 1)/2, x/2); the regularised gamma keeps precision far into the
        // tail, where 1 − CDF would round to 0.
        var pValue = double.IsPositiveInfinity(chiSquare) ? 0 : SpecialFunctions.GammaUpperRegularized((observed.Count - 1) / 2.0, chiSquare / 2);
        pValue = Math.Clamp(pValue, 0, 1);
        return new SampleRatioCheck(chiSquare, pValue, pValue < Threshold);
    }
}
