using System.Net.Http.Json;

namespace Aisle.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class SearchApiTests(AisleAppFixture app)
{
    [Fact]
    public async Task RunningShoesForMenUnder1000ReturnsOnlyFootwearAtMost1000()
    {
        var list = await app.Client.GetListAsync("/api/search?q=running%20shoes%20for%20men%20under%201000&limit=30");

        Assert.True(list.Items.Length >= 10, $"only {list.Items.Length} results");
        Assert.All(list.Items, item =>
        {
            Assert.NotNull(item.Price);
            Assert.True(item.Price <= 1000, $"{item.Name} costs {item.Price}");
            Assert.StartsWith("Footwear", item.Category);
            Assert.DoesNotContain("Women", item.Category);
            Assert.NotEmpty(item.Reasons);
        });
        Assert.Equal(1000, list.Understood!.MaxPrice);
        Assert.Equal("Men", list.Understood.Gender);
        Assert.Contains(list.Items, item => item.Name.Contains("Running", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ExplicitFiltersBindEveryResult()
    {
        var list = await app.Client.GetListAsync("/api/search?q=watch&category=Watches&minPrice=300&maxPrice=800&inStock=true&limit=50");

        Assert.NotEmpty(list.Items);
        Assert.All(list.Items, item =>
        {
            Assert.StartsWith("Watches", item.Category);
            Assert.InRange(item.Price!.Value, 300, 800);
            Assert.True(item.Stock > 0);
        });
    }

    [Fact]
    public async Task ABrandFilterKeepsOnlyThatBrand()
    {
        var list = await app.Client.GetListAsync("/api/search?q=shirt&brand=Candy%20House&limit=20");

        Assert.NotEmpty(list.Items);
        Assert.All(list.Items, item => Assert.Equal("Candy House", item.Brand, ignoreCase: true));
    }

    [Fact]
    public async Task ResultsComeBestFirstWithAReasonEach()
    {
        var list = await app.Client.GetListAsync("/api/search?q=stainless%20steel%20pressure%20cooker&limit=10");

        Assert.Equal(10, list.Items.Length);
        Assert.Equal(list.Items.Select(i => i.Score).OrderByDescending(s => s), list.Items.Select(i => i.Score));
        Assert.Contains("cooker", list.Items[0].Name, StringComparison.OrdinalIgnoreCase);
        Assert.All(list.Items, item => Assert.NotEmpty(item.Reasons));
        Assert.False(string.IsNullOrEmpty(list.RequestId));
    }

    [Fact]
    public async Task ProductPageAndSimilarItemsAnswerForAKnownProduct()
    {
        var first = (await app.Client.GetListAsync("/api/search?q=analog%20watch&limit=1")).Items[0];

        var product = await app.Client.GetFromJsonAsync<ProductDto>($"/api/products/{first.Id}", ApiJson.Options);
        var similar = await app.Client.GetListAsync($"/api/products/{first.Id}/similar?limit=5");

        Assert.Equal(first.Name, product!.Product.Name);
        Assert.Equal(5, similar.Items.Length);
        Assert.DoesNotContain(similar.Items, item => item.Id == first.Id);
        Assert.All(similar.Items, item => Assert.Contains(item.Reasons, r => r.StartsWith("Similar to", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TrendingWithinACategoryStaysInIt()
    {
        var list = await app.Client.GetListAsync("/api/trending?category=Footwear&limit=15");

        Assert.Equal(15, list.Items.Length);
        Assert.All(list.Items, item => Assert.StartsWith("Footwear", item.Category));
    }
}
