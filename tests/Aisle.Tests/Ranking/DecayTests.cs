using Aisle.Ranking;

namespace Aisle.Tests.Ranking;

public class DecayTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    [Fact]
    public void AValueHalvesEveryHalfLife()
    {
        var value = new DecayedValue(8, T0);

        Assert.Equal(8, value.ValueAt(T0, Day), 10);
        Assert.Equal(4, value.ValueAt(T0 + Day, Day), 10);
        Assert.Equal(1, value.ValueAt(T0 + 3 * Day, Day), 10);
        Assert.Equal(8 * Math.Pow(0.5, 0.25), value.ValueAt(T0 + Day / 4, Day), 10);
    }

    [Fact]
    public void AddingDecaysTheOldSumFirst()
    {
        // 10 at t0, +4 two days later with a one-day half-life: 10/4 + 4 = 6.5 at t0+2d.
        var value = new DecayedValue(10, T0).Add(4, T0 + 2 * Day, Day);

        Assert.Equal(6.5, value.Value, 10);
        Assert.Equal(T0 + 2 * Day, value.At);
        Assert.Equal(3.25, value.ValueAt(T0 + 3 * Day, Day), 10);
    }

    [Fact]
    public void AnEventOlderThanTheSumIsDecayedToTheSumsTime()
    {
        // A late event from one day before the stored time counts half.
        var value = new DecayedValue(10, T0 + Day).Add(4, T0, Day);

        Assert.Equal(12, value.Value, 10);
        Assert.Equal(T0 + Day, value.At);
    }

    [Fact]
    public void NoTimeOrNoHalfLifeMeansNoDecay()
    {
        Assert.Equal(1, Decay.Factor(TimeSpan.Zero, Day));
        Assert.Equal(1, Decay.Factor(TimeSpan.FromHours(-3), Day));
        Assert.Equal(1, Decay.Factor(Day, TimeSpan.Zero));
    }
}
