namespace Aisle.Tests.Ranking;

/// <summary>The engine learns online: each event changes the links the next request reads, with no training step.</summary>
public sealed class IncrementalLearningTests
{
    [Fact]
    public async Task WhatOthersBuyNextChangesWhatIsRecommendedNext()
    {
        await using var engine = await LiveEngine.StartAsync();
        await engine.BuyAsync("first", "a", "d");
        await engine.BuyAsync("shopper", "a");

        var before = await engine.RecommendAsync("shopper");
        Assert.Equal("d", before.Items[0].Id);

        // Two more shoppers go from a to e: e now follows a more often than d does.
        await engine.BuyAsync("second", "a", "e");
        await engine.BuyAsync("third", "a", "e");

        var after = await engine.RecommendAsync("shopper");
        Assert.Equal("e", after.Items[0].Id);
        Assert.Contains(after.Items[0].Reasons, r => r.Contains("item a", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AShoppersOwnNewEventMovesTheirRecommendations()
    {
        await using var engine = await LiveEngine.StartAsync();
        await engine.BuyAsync("others-1", "d", "f");
        await engine.BuyAsync("others-2", "g", "h");
        await engine.BuyAsync("shopper", "d");
        Assert.Equal("f", (await engine.RecommendAsync("shopper")).Items[0].Id);

        await engine.BuyAsync("shopper", "g");

        var now = await engine.RecommendAsync("shopper");
        Assert.Equal("h", now.Items[0].Id);
        Assert.DoesNotContain(now.Items, item => item.Id is "d" or "g");
    }
}
