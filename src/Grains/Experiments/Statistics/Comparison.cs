namespace Aisle.Experiments.Statistics;

/// <summary>
/// A fixed-horizon comparison of a variant with the control. Difference = VariantValue − ControlValue with its
/// confidence interval; Lift = Difference / ControlValue, and its interval is the difference interval divided by
/// the control value (an approximation that ignores the control value's own noise; fine for the sample sizes
/// reports are read at). Lift fields are NaN when the control value is 0. When nothing can be estimated (an arm
/// with too few shoppers, or no variation to estimate a standard error from) the p-value is 1 and the difference
/// interval is (−∞, +∞): "unknown", never a falsely certain (0, 0).
/// </summary>
public sealed record Comparison(
    double ControlValue, double VariantValue,
    double Difference, double DifferenceLow, double DifferenceHigh,
    double Lift, double LiftLow, double LiftHigh,
    double PValue)
{
    /// <summary>Whether the p-value is below 1 − <paramref name="confidence"/>.</summary>
    public bool IsSignificant(double confidence = 0.95) => PValue < 1 - confidence;

    internal static Comparison Create(double control, double variant, double low, double high, double pValue)
    {
        var difference = variant - control;
        double lift = double.NaN, liftLow = double.NaN, liftHigh = double.NaN;
        if (control != 0)
        {
            lift = difference / control;
            // Dividing by a negative control value (e.g. net revenue after refunds) flips the ends.
            var a = low / control;
            var b = high / control;
            (liftLow, liftHigh) = a <= b ? (a, b) : (b, a);
        }

        return new Comparison(control, variant, difference, low, high, lift, liftLow, liftHigh, Math.Clamp(pValue, 0, 1));
    }

    /// <summary>Throws unless 0 &lt; confidence &lt; 1 (a caller bug, not a data edge case).</summary>
    internal static void CheckConfidence(double confidence)
    {
        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "Confidence must be strictly between 0 and 1.");
        }
    }
}
