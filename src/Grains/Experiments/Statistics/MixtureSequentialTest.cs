namespace Aisle.Experiments.Statistics;

/// <summary>
/// Always-valid inference by the mixture sequential probability ratio test (mSPRT; Johari, Koomen, Pekelis, Walsh,
/// "Always valid inference: continuous monitoring of A/B tests", and Optimizely's Stats Engine), so a live report can
/// be read at every refresh without inflating false positives as repeated fixed-horizon tests do.
/// <para>
/// The estimate is d = mean(variant) − mean(control) with plug-in variance V = s²c/nc + s²v/nv, treated as normal.
/// Against H0: θ = θ0, with a normal mixture θ ~ N(θ0, τ²) the likelihood ratio is
/// Λ = √(V/(V+τ²)) · exp(τ²(d−θ0)² / (2V(V+τ²))). The p-value at a look is min(1, 1/Λ(0)); it is always valid
/// only as the running minimum over looks, which the caller keeps (<see cref="SequentialComparison.Then"/>). The
/// interval is every θ0 with Λ(θ0) &lt; 1/α, i.e. d ± √(V(V+τ²)/τ² · (2 ln(1/α) + ln((V+τ²)/V))).
/// </para>
/// <para>
/// τ² is set on the relative scale: τ² = tau2 · m², with m the pooled mean of both arms, so tau2 is the prior
/// variance of the relative lift. Shop metrics differ by orders of magnitude (a 3 % conversion rate, €40 revenue per
/// shopper) but lifts are alike across them (a few to a few tens of percent), and the mSPRT has most power when τ
/// matches the effects one expects. The pooled mean does not depend on which arm is ahead, so scaling by it does not
/// favour rejecting. While the pooled mean is 0 (e.g. no conversions yet) τ² is 0 and there is no evidence.
/// </para>
/// </summary>
public static class MixtureSequentialTest
{
    /// <summary>
    /// Prior variance of the relative lift: 0.1², i.e. lifts of the order of ±10 %, typical of shop experiments.
    /// </summary>
    public const double DefaultTau2 = 0.01;

    /// <summary>
    /// One look. Fewer than 2 shoppers in an arm, no variation, or a pooled mean of 0 give p = 1, interval
    /// (−∞, +∞), not significant.
    /// </summary>
    /// <param name="alpha">False-positive rate over all looks together; must be in (0, 1).</param>
    /// <param name="tau2">Prior variance of the relative lift (see the class remarks); <see cref="DefaultTau2"/> when null.</param>
    public static SequentialComparison Compare(SampleMoments control, SampleMoments variant, double alpha = 0.05, double? tau2 = null)
    {
        if (!(alpha > 0 && alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Alpha must be strictly between 0 and 1.");
        }

        var relativeTau2 = tau2 ?? DefaultTau2;
        if (!(relativeTau2 > 0) || double.IsInfinity(relativeTau2))
        {
            throw new ArgumentOutOfRangeException(nameof(tau2), tau2, "Tau² must be positive and finite.");
        }

        var difference = variant.Mean - control.Mean;
        var v = control.VarianceOfMean + variant.VarianceOfMean;
        var t2 = MixtureVariance(control, variant, relativeTau2);
        if (control.Count < 2 || variant.Count < 2 || !(v > 0) || !(t2 > 0) || double.IsInfinity(v) || double.IsInfinity(t2))
        {
            return new SequentialComparison(difference, double.NegativeInfinity, double.PositiveInfinity, 1, false);
        }

        // log Λ(0) = ½ ln(V/(V+τ²)) + τ²d² / (2V(V+τ²)); in logs so that large effects do not overflow.
        var logRatio = 0.5 * Math.Log(v / (v + t2)) + t2 * difference * difference / (2 * v * (v + t2));
        var pValue = Math.Min(1, Math.Exp(-logRatio));
        var halfWidth = Math.Sqrt(v * (v + t2) / t2 * (2 * Math.Log(1 / alpha) + Math.Log((v + t2) / v)));
        return new SequentialComparison(difference, difference - halfWidth, difference + halfWidth, pValue, pValue < alpha);
    }

    /// <summary>The absolute mixture variance τ² = tau2 · (pooled mean)² used by <see cref="Compare"/>.</summary>
    public static double MixtureVariance(SampleMoments control, SampleMoments variant, double tau2 = DefaultTau2)
    {
        var pooled = control.Add(variant).Mean;
        return tau2 * pooled * pooled;
    }
}
