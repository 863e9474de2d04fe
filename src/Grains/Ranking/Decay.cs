namespace Aisle.Ranking;

/// <summary>Exponential time decay: a signal loses half its weight every half-life.</summary>
public static class Decay
{
    /// <summary>The multiplier for a value recorded <paramref name="elapsed"/> ago; 1 for no or negative elapsed time.</summary>
    public static double Factor(TimeSpan elapsed, TimeSpan halfLife) =>
        elapsed <= TimeSpan.Zero || halfLife <= TimeSpan.Zero ? 1.0 : Math.Pow(0.5, elapsed / halfLife);
}

/// <summary>A decayed running sum: stores the value as of <see cref="At"/> and decays it on read.</summary>
[GenerateSerializer, Immutable]
public readonly record struct DecayedValue([property: Id(0)] double Value, [property: Id(1)] DateTimeOffset At)
{
    /// <remarks>Most products have no activity yet: a zero stays zero without the power (ranking reads this for every
    /// candidate of every list).</remarks>
    public double ValueAt(DateTimeOffset now, TimeSpan halfLife) => Value == 0 ? 0 : Value * Decay.Factor(now - At, halfLife);

    /// <summary>Decays the sum to <paramref name="now"/> and adds <paramref name="amount"/>.</summary>
    public DecayedValue Add(double amount, DateTimeOffset now, TimeSpan halfLife) =>
        // An event older than the stored time (clock skew, replays) is decayed to the stored time instead.
        now >= At
            ? new(ValueAt(now, halfLife) + amount, now)
            : new(Value + amount * Decay.Factor(At - now, halfLife), At);
}
