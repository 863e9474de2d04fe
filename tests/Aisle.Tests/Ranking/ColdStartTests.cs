namespace Aisle.Tests.Ranking;

public sealed class ColdStartTests
{
    [Fact]
    public async Task ANewShopperGetsTrendingItems()
    {
        await using var engine = await LiveEngine.StartAsync();
        await engine.BuyAsync("someone", "e", "e", "f");

        var list = await engine.RecommendAsync("newcomer");

        Assert.NotEmpty(list.Items);
        Assert.All(list.Items, item => Assert.Contains("trending", item.Sources));
        Assert.Equal("e", list.Items[0].Id);
    }

    [Fact]
    public async Task AfterTheFirstItemANewShopperGetsItsContentNeighboursAndTrending()
    {
        await using var engine = await LiveEngine.StartAsync();
        await engine.BuyAsync("someone", "e", "f");
        await engine.BuyAsync("newcomer", "a");

        var list = await engine.RecommendAsync("newcomer", limit: 8);
        var ids = list.Items.Select(i => i.Id).ToArray();

        // b and c share attributes with a; nobody has bought them with a, so only content can have put them there.
        Assert.Contains("b", ids);
        Assert.Contains("c", ids);
        Assert.True(Array.IndexOf(ids, "b") < Array.IndexOf(ids, "c"), "b shares more attributes with a than c does");
        Assert.Contains(list.Items, item => item.Sources.Contains("trending"));
        Assert.Contains(list.Items.Single(i => i.Id == "b").Reasons, r => r.Contains("Similar to item a", StringComparison.Ordinal));
        Assert.DoesNotContain("a", ids);
    }

    [Fact]
    public async Task ANewProductWithNoLinksGetsContentNeighbours()
    {
        await using var engine = await LiveEngine.StartAsync();

        var similar = await engine.SimilarAsync("a");

        Assert.Equal("b", similar.Items[0].Id);
        Assert.Contains("similar", similar.Items[0].Sources);
    }

    [Fact]
    public async Task SimilarItemsPutLinksFirstThenContent()
    {
        await using var engine = await LiveEngine.StartAsync();
        await engine.BuyAsync("someone", "a", "g");

        var similar = await engine.SimilarAsync("a");

        Assert.Equal("g", similar.Items[0].Id);
        Assert.Equal("b", similar.Items[1].Id);
    }
}
