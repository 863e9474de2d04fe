namespace Aisle.Tests.Ranking;

/// <summary>The engine learns online: each event changes the links the next request reads, with no training step.</summary>
public sealed class IncrementalLearningTests
{
    [Fact]
    public async Task WhatOthersBuyNextChangesWhatIsRecommendedNext()
    {
        await using var engine = await LiveEngine.StartAsync();
        // d, e and f share no attributes, so only behaviour can order them.
        await engine.BuyAsync("first", "d", "e");
        await engine.BuyAsync("shopper", "d");

        var before = await engine.RecommendAsync("shopper");
        Assert.Equal("e", before.Items[0].Id);

        // Two more shoppers go from d to f: f now follows d more often than e does.
        await engine.BuyAsync("second", "d", "f");
        await engine.BuyAsync("third", "d", "f");

        var after = await engine.RecommendAsync("shopper");
        Assert.Equal("f", after.Items[0].Id);
        Assert.Contains(after.Items[0].Reasons, r => r.Contains("item d", StringComparison.Ordinal));
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
