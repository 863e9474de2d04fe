using Aisle.Experiments;

namespace Aisle.Tests.Experiments;

public sealed class TotalsHistoryTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static TotalsPoint At(double seconds) => new(Start.AddSeconds(seconds), new Dictionary<string, VariantCounters>());

    [Fact]
    public void DeliveriesEverySecondLeavePointsFiveSecondsApartAndEndAtTheLatest()
    {
        var history = Array.Empty<TotalsPoint>();
        for (var second = 0; second <= 60; second++)
        {
            history = TotalsHistory.Append(history, At(second), TimeSpan.FromSeconds(5), 400);
        }

        Assert.Equal(13, history.Length); // 0, 5, …, 55 and the last point, which moved up to 60
        Assert.Equal(Start.AddSeconds(60), history[^1].At);
        Assert.All(history.Zip(history.Skip(1)).SkipLast(1), pair => Assert.True(pair.Second.At - pair.First.At >= TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void AFullHistoryIsThinnedAndStillSpansTheExperiment()
    {
        var history = Array.Empty<TotalsPoint>();
        for (var minute = 0; minute < 1000; minute++)
        {
            history = TotalsHistory.Append(history, At(minute * 60), TimeSpan.FromSeconds(5), 100);
        }

        Assert.True(history.Length <= 100);
        Assert.Equal(Start, history[0].At);
        Assert.Equal(Start.AddMinutes(999), history[^1].At);
    }
}
