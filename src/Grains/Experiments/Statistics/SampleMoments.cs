namespace Aisle.Experiments.Statistics;

/// <summary>
/// Per-variant sufficient statistics of a per-shopper metric (conversion as 0/1, or revenue per shopper): three
/// numbers that add up across shoppers and silos, from which every test here is computed.
/// </summary>
public readonly record struct SampleMoments(long Count, double Sum, double SumOfSquares)
{
    /// <summary>No shoppers yet.</summary>
    public static SampleMoments Empty => default;

    /// <summary>Sample mean; 0 when there are no shoppers, so an empty variant reads as "nothing yet", not NaN.</summary>
    public double Mean => Count > 0 ? Sum / Count : 0;

    /// <summary>
    /// Unbiased sample variance; 0 when Count &lt; 2. Clamped at 0 because Σx² − (Σx)²/n can come out a hair
    /// negative in floating point when every value is the same.
    /// </summary>
    public double Variance => Count < 2 ? 0 : Math.Max(0, (SumOfSquares - Sum * Sum / Count) / (Count - 1));

    /// <summary>Variance of the mean (Variance / Count); 0 when Count &lt; 2.</summary>
    public double VarianceOfMean => Count < 2 ? 0 : Variance / Count;

    /// <summary>A 0/1 metric: <paramref name="successes"/> ones among <paramref name="trials"/> shoppers.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative counts or more successes than trials (a counting bug, not an edge case).</exception>
    public static SampleMoments Bernoulli(long trials, long successes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        return new SampleMoments(trials, successes, successes);
    }

    /// <summary>These moments with one more shopper whose metric is <paramref name="x"/>.</summary>
    public SampleMoments Add(double x) => new(Count + 1, Sum + x, SumOfSquares + x * x);

    /// <summary>Both groups' shoppers together (for merging partial counts, e.g. per silo).</summary>
    public SampleMoments Add(SampleMoments other) =>
        new(Count + other.Count, Sum + other.Sum, SumOfSquares + other.SumOfSquares);
}
