namespace Aisle.Experiments.Statistics;

/// <summary>
/// One look at an experiment by <see cref="MixtureSequentialTest"/>: the difference of means (variant − control),
/// its always-valid interval at the test's alpha, the always-valid p-value at this look, and whether it is below alpha.
/// Always-valid means the error rate holds however often the report is read, provided the reader keeps the running
/// minimum p-value and the running intersection of intervals (<see cref="Then"/>).
/// </summary>
public sealed record SequentialComparison(double Difference, double Low, double High, double PValue, bool Significant)
{
    /// <summary>
    /// Combines this earlier look with a <paramref name="later"/> one: running minimum of the p-value, running
    /// intersection of the interval (never emptied: if they no longer overlap, the later interval is kept), and
    /// significant once ever significant. This is what makes the sequence monotone, as the theory requires.
    /// </summary>
    public SequentialComparison Then(SequentialComparison later)
    {
        var low = Math.Max(Low, later.Low);
        var high = Math.Min(High, later.High);
        if (low > high)
        {
            (low, high) = (later.Low, later.High);
        }

        return new SequentialComparison(later.Difference, low, high, Math.Min(PValue, later.PValue), Significant || later.Significant);
    }
}
