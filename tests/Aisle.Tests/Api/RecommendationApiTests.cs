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
