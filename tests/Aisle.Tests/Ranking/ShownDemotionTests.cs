using Aisle.Ranking;
using Aisle.Users;

namespace Aisle.Tests.Ranking;

/// <summary>The demotion of items shown and ignored: score × (1 − penalty)^times, against values worked out by hand.</summary>
public sealed class ShownDemotionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(30);

    [Theory]
    [InlineData(1, 0.8)]          // 1 − 0.2
    [InlineData(2, 0.64)]         // 0.8²
    [InlineData(3, 0.512)]        // 0.8³
    [InlineData(5, 0.32768)]      // 0.8⁵
    public void EachShowingKeepsOneMinusThePenaltyOfTheScore(int times, double expected)
    {
        var factor = ShownDemotion.Factor(new ShownItem("p", times, T0), null, T0.AddMinutes(1), 0.2, Window);

        Assert.Equal(expected, factor, 12);
    }

    [Fact]
    public void AShowingOutsideTheWindowNoLongerCounts()
    {
        var shown = new ShownItem("p", 3, T0);

        Assert.Equal(0.512, ShownDemotion.Factor(shown, null, T0 + Window, 0.2, Window), 12);
        Assert.Equal(1, ShownDemotion.Factor(shown, null, T0 + Window + TimeSpan.FromSeconds(1), 0.2, Window));
    }

    [Fact]
    public void AnItemTouchedAfterItWasShownIsNotDemotedButOneTouchedBeforeIs()
    {
        var shown = new ShownItem("p", 2, T0);

        Assert.Equal(1, ShownDemotion.Factor(shown, T0.AddSeconds(5), T0.AddMinutes(1), 0.2, Window));
        Assert.Equal(0.64, ShownDemotion.Factor(shown, T0.AddMinutes(-5), T0.AddMinutes(1), 0.2, Window), 12);
    }

    [Fact]
    public void ZeroPenaltyTurnsItOffAndAPenaltyAboveOneCountsAsOne()
    {
        var shown = new ShownItem("p", 2, T0);

        Assert.Equal(1, ShownDemotion.Factor(shown, null, T0, 0, Window));
        Assert.Equal(0, ShownDemotion.Factor(shown, null, T0, 1.5, Window));
        Assert.Equal(0.25, ShownDemotion.Factor(shown, null, T0, 0.5, Window), 12);
    }

    [Fact]
    public void FactorsOfAProfileListOnlyTheDemotedItems()
    {
        var options = new RankingOptions { ShownPenalty = 0.1, ShownWindow = Window };
        var now = T0.AddMinutes(10);
        var profile = UserProfile.Empty("u", now) with
        {
            Recent = [new RecentInteraction("clicked", InteractionKind.Click, T0.AddMinutes(2))],
            EventCount = 1,
            Shown =
            [
                new ShownItem("twice", 2, T0.AddMinutes(1)),
                new ShownItem("clicked", 4, T0.AddMinutes(1)),
                new ShownItem("stale", 1, now - Window - TimeSpan.FromMinutes(1)),
            ],
        };

        var factors = ShownDemotion.Factors(profile, now, options);

        Assert.Equal(["twice"], factors.Keys);
        Assert.Equal(0.81, factors["twice"], 12);
        Assert.Empty(ShownDemotion.Factors(profile, now, new RankingOptions { ShownPenalty = 0 }));
    }
}
