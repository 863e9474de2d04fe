namespace Aisle.Tests.Ranking;

/// <summary>Items shown and ignored give way in personal recommendations, on the real grains and recommender.</summary>
public sealed class ShownRotationTests
{
    [Fact]
    public async Task ItemsShownTwiceKeepSixtyFourPercentOfTheirScoreAndComeBackWithThePenaltyOff()
    {
        await using var engine = await LiveEngine.StartAsync();
        await engine.BuyAsync("someone", "e", "f");
        await engine.BuyAsync("shopper", "a");
        var before = await engine.RecommendAsync("shopper", limit: 7);
        var top = before.Items.Take(3).Select(i => i.Id).ToArray();

        await engine.ShowAsync("shopper", top);
        await engine.ShowAsync("shopper", top);
        var after = await engine.RecommendAsync("shopper", limit: 7);
        engine.Options.ShownPenalty = 0;
        var off = await engine.RecommendAsync("shopper", limit: 7);

        // Default penalty 0.2: two showings leave 0.8² = 0.64 of the score (scores are rounded to 4 places).
        foreach (var id in top)
        {
            var was = before.Items.Single(i => i.Id == id).Score;
            Assert.Equal(was * 0.64, after.Items.Single(i => i.Id == id).Score, 3);
        }

        foreach (var other in before.Items.Skip(3))
        {
            Assert.Equal(other.Score, after.Items.Single(i => i.Id == other.Id).Score, 3);
        }

        Assert.NotEqual(top, after.Items.Take(3).Select(i => i.Id));
        Assert.Equal(before.Items.Select(i => i.Id), off.Items.Select(i => i.Id));
    }
}
