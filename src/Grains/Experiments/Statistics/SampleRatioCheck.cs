namespace Aisle.Experiments.Statistics;

/// <summary>
/// Result of <see cref="SampleRatioMismatch.Check"/>: Pearson's chi-square, its p-value, and whether the split is
/// so far from the configured one (p &lt; <see cref="SampleRatioMismatch.Threshold"/>) that the experiment's
/// assignment or logging is broken and its results should not be trusted.
/// </summary>
public sealed record SampleRatioCheck(double ChiSquare, double PValue, bool Mismatch);
