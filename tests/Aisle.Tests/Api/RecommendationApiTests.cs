using System.Net;
using System.Net.Http.Json;

namespace Aisle.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class RecommendationApiTests(AisleAppFixture app)
{
    [Fact]
    public async Task PostingEventsChangesTheNextRecommendations()
    {
        var user = "shopper-" + Guid.NewGuid().ToString("N")[..8];
        var before = await app.Client.GetListAsync($"/api/users/{user}/recommendations?limit=10");
        var watches = (await app.Client.GetListAsync("/api/search?q=analog%20watch%20for%20women&limit=3")).Items;

        using var posted = await app.Client.PostEventsAsync(new
        {
            events = watches.Select(w => new { userId = user, kind = "view", productId = w.Id })
                .Append(new { userId = user, kind = "add_to_cart", productId = watches[0].Id }),
        });
        var after = await app.Client.GetListAsync($"/api/users/{user}/recommendations?limit=10");

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal(10, after.Items.Length);
        Assert.NotEqual(before.Items.Select(i => i.Id), after.Items.Select(i => i.Id));
        Assert.True(after.Items.Count(i => i.Category.StartsWith("Watches", StringComparison.Ordinal)) >= 7,
            "most recommendations should follow the watches just viewed: " + string.Join(" | ", after.Items.Select(i => i.Category)));
        Assert.DoesNotContain(after.Items, i => watches.Any(w => w.Id == i.Id));
        Assert.Contains(after.Items, i => i.Reasons.Any(r => r.Contains("Similar to", StringComparison.Ordinal) || r.StartsWith("Because you like", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AskingAgainRotatesInItemsTheShopperHasNotBeenShownYet()
    {
        var (first, _, third) = await AskThreeTimesAsync(app.Client);

        Assert.NotEqual(first.Items.Select(i => i.Id), third.Items.Select(i => i.Id));
        Assert.Contains(third.Items, item => !first.Items.Any(f => f.Id == item.Id));
        // Still the shopper's own list, not a random walk: the shoes keep steering it.
        Assert.True(third.Items.Count(i => i.Category.StartsWith("Footwear", StringComparison.Ordinal)) >= 3,
            "rotated items should still follow the shoes viewed: " + string.Join(" | ", third.Items.Select(i => i.Category)));
    }

    [Fact]
    public async Task WithTheShownPenaltyOffAskingAgainGivesTheSameList()
    {
        var data = Path.Combine(Path.GetTempPath(), "aisle-no-penalty-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var unrotated = await AisleApp.StartAsync(data, new Dictionary<string, string?> { ["Aisle:Ranking:ShownPenalty"] = "0" });

            var (first, second, third) = await AskThreeTimesAsync(unrotated.Client);

            Assert.Equal(first.Items.Select(i => i.Id), second.Items.Select(i => i.Id));
            Assert.Equal(first.Items.Select(i => i.Id), third.Items.Select(i => i.Id));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>A new shopper views three running shoes, then asks for five recommendations three times in a row.</summary>
    private static async Task<(ListDto First, ListDto Second, ListDto Third)> AskThreeTimesAsync(HttpClient client)
    {
        var user = "browser-" + Guid.NewGuid().ToString("N")[..8];
        var shoes = (await client.GetListAsync("/api/search?q=running%20shoes%20for%20men&limit=3")).Items;
        using var posted = await client.PostEventsAsync(new { events = shoes.Select(s => new { userId = user, kind = "view", productId = s.Id }) });
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);

        var first = await client.GetListAsync($"/api/users/{user}/recommendations?limit=5");
        var second = await client.GetListAsync($"/api/users/{user}/recommendations?limit=5");
        var third = await client.GetListAsync($"/api/users/{user}/recommendations?limit=5");
        Assert.All([first, second, third], list => Assert.Equal(5, list.Items.Length));
        return (first, second, third);
    }

    [Theory]
    [InlineData("/api/users/rotating/recommendations?limit=0")]
    [InlineData("/api/users/rotating/recommendations?limit=ten")]
    [InlineData("/api/users/not%20an%20id/recommendations?limit=5")]
    public async Task BadInputToRecommendationsIsStillAProblem(string url)
    {
        using var response = await app.Client.GetAsync(url);

        await response.AssertProblemAsync(400);
    }

    [Fact]
    public async Task AShopperWithNoHistoryGetsTrendingItems()
    {
        var list = await app.Client.GetListAsync($"/api/users/new-{Guid.NewGuid():N}/recommendations?limit=5");

        Assert.Equal(5, list.Items.Length);
        Assert.All(list.Items, item => Assert.Contains("trending", item.Sources));
    }

    [Fact]
    public async Task APurchaseReservesStockAndIsRefusedWhenNoneIsLeft()
    {
        var user = "buyer-" + Guid.NewGuid().ToString("N")[..8];
        var item = (await app.Client.GetListAsync("/api/search?q=pressure%20cooker&inStock=true&limit=20")).Items.First(i => i.Stock >= 2);

        using var bought = await app.Client.PostEventsAsync(new { userId = user, kind = "purchase", productId = item.Id, quantity = 2 });
        var afterPurchase = await app.Client.GetFromJsonAsync<ProductDto>($"/api/products/{item.Id}", ApiJson.Options);
        using var tooMany = await app.Client.PostEventsAsync(new { userId = user, kind = "purchase", productId = item.Id, quantity = item.Stock });
        var afterRefusal = await app.Client.GetFromJsonAsync<ProductDto>($"/api/products/{item.Id}", ApiJson.Options);

        Assert.Equal(HttpStatusCode.OK, bought.StatusCode);
        Assert.Equal(item.Stock - 2, afterPurchase!.Product.Stock);
        Assert.Equal(HttpStatusCode.Conflict, tooMany.StatusCode);
        Assert.Equal(item.Stock - 2, afterRefusal!.Product.Stock);
    }
}
