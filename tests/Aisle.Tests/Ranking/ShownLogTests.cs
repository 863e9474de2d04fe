using Aisle.Users;

namespace Aisle.Tests.Ranking;

/// <summary>The user grain's in-memory record of what a shopper was shown.</summary>
public sealed class ShownLogTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(30);

    [Fact]
    public void ShowingsInARowAreCountedWithTheLastTime()
    {
        var log = new ShownLog();

        log.Record(["a", "b"], T0, [], Window);
        log.Record(["a"], T0.AddMinutes(1), [], Window);
        log.Record(["a", "c"], T0.AddMinutes(2), [], Window);

        Assert.Equal(
            [new ShownItem("a", 3, T0.AddMinutes(2)), new ShownItem("b", 1, T0), new ShownItem("c", 1, T0.AddMinutes(2))],
            log.Within(T0.AddMinutes(3), Window).OrderBy(s => s.ProductId));
    }

    [Fact]
    public void TheCountStartsAgainAfterTheWindowOrATouchSinceTheLastShowing()
    {
        var log = new ShownLog();
        log.Record(["a", "b", "c"], T0, [], Window);
        log.Record(["a", "b", "c"], T0.AddMinutes(1), [], Window);

        // "b" was viewed after its last showing, "c" before its first; "a" comes back after the window.
        var recent = new[]
        {
            new RecentInteraction("b", InteractionKind.View, T0.AddMinutes(2)),
            new RecentInteraction("c", InteractionKind.View, T0.AddMinutes(-1)),
        };
        log.Record(["b", "c"], T0.AddMinutes(3), recent, Window);
        log.Record(["a"], T0.AddMinutes(1) + Window + TimeSpan.FromSeconds(1), recent, Window);

        var now = T0.AddMinutes(1) + Window + TimeSpan.FromSeconds(1);
        var shown = log.Within(now, Window).ToDictionary(s => s.ProductId, s => s.Times);
        Assert.Equal(1, shown["a"]);
        Assert.Equal(1, shown["b"]);
        Assert.Equal(3, shown["c"]);
    }

    [Fact]
    public void ShowingsOlderThanTheWindowAreForgottenAndTheLogStaysBounded()
    {
        var log = new ShownLog();
        log.Record(["old"], T0, [], Window);
        var many = Enumerable.Range(0, ShownLog.MaxItems + 20).Select(i => $"p{i}").ToArray();

        log.Record(many[..20], T0 + Window + TimeSpan.FromMinutes(1), [], Window);
        log.Record(many[20..], T0 + Window + TimeSpan.FromMinutes(2), [], Window);

        Assert.Equal(ShownLog.MaxItems, log.Count);
        var kept = log.Within(T0 + Window + TimeSpan.FromMinutes(2), Window).Select(s => s.ProductId).ToHashSet();
        Assert.DoesNotContain("old", kept);
        Assert.True(kept.SetEquals(many[20..]), "the least recently shown go first");
    }
}
