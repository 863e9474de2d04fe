namespace Aisle.Experiments;

/// <summary>
/// The bounded history of an experiment's cumulative totals: points at least <c>interval</c> apart, plus a last point
/// that moves forward with every delivery until the next one is due, so the chart always ends at the current totals.
/// At <c>maxPoints</c> every other point is dropped: the history spans the whole experiment, older parts coarser.
/// </summary>
public static class TotalsHistory
{
    public static TotalsPoint[] Append(TotalsPoint[] history, TotalsPoint point, TimeSpan interval, int maxPoints)
    {
        // The last point moves until it is an interval past the one before it; then it stays and the next one moves.
        if (history.Length >= 2 && history[^1].At - history[^2].At < interval)
        {
            return [.. history[..^1], point];
        }

        // Thinning keeps the first point (the experiment's start) and every other one after it.
        var kept = history.Length >= maxPoints ? history.Where((_, i) => i % 2 == 0).ToArray() : history;
        return [.. kept, point];
    }
}
