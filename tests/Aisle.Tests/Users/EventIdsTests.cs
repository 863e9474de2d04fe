using Aisle.Users;

namespace Aisle.Tests.Users;

public sealed class EventIdsTests
{
    [Fact]
    public void RememberKeepsTheNewestWindowOldestFirst()
    {
        var first = EventIds.Remember(null, Enumerable.Range(0, 200).Select(i => (ulong)i).ToArray());
        var second = EventIds.Remember(first, Enumerable.Range(200, 100).Select(i => (ulong)i).ToArray());

        var kept = EventIds.Read(second);

        Assert.Equal(EventIds.Window * 8, second!.Length);
        Assert.Equal(Enumerable.Range(300 - EventIds.Window, EventIds.Window).Select(i => (ulong)i).ToHashSet(), kept);
        Assert.Same(second, EventIds.Remember(second, []));
    }

    [Fact]
    public void AnOversizedBatchKeepsItsOwnNewestIds()
    {
        var kept = EventIds.Read(EventIds.Remember(EventIds.Remember(null, [1, 2, 3]), Enumerable.Range(10, 300).Select(i => (ulong)i).ToArray()));

        Assert.Equal(Enumerable.Range(310 - EventIds.Window, EventIds.Window).Select(i => (ulong)i).ToHashSet(), kept);
    }

    [Fact]
    public void HashesAreStableAndTellIdsApart()
    {
        Assert.Equal(EventIds.Hash("order-17/line-2"), EventIds.Hash("order-17/line-2"));
        Assert.NotEqual(EventIds.Hash("order-17/line-2"), EventIds.Hash("order-17/line-3"));
        Assert.Empty(EventIds.Read(null));
    }
}
