using System.Net;
using System.Net.Http.Json;

namespace Aisle.Tests.Api;

/// <summary>A stopped and restarted Aisle keeps what it learned: profiles, stock and popularity.</summary>
[Collection(ApiCollection.Name)]
public sealed class RestartTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "aisle-restart-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task ARestartKeepsProfilesStockAndCounters()
    {
        const string user = "returning-shopper";
        ListDto learned;
        ItemDto bought;
        await using (var first = await AisleApp.StartAsync(_dataDirectory))
        {
            var watches = (await first.Client.GetListAsync("/api/search?q=analog%20watch%20for%20women&inStock=true&limit=3")).Items;
            bought = watches.First(w => w.Stock >= 1);
            using var posted = await first.Client.PostEventsAsync(new
            {
                events = watches.Select(w => new { userId = user, kind = "view", productId = w.Id, quantity = 1 })
                    .Append(new { userId = user, kind = "purchase", productId = bought.Id, quantity = 1 }),
            });
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            learned = await first.Client.GetListAsync($"/api/users/{user}/recommendations?limit=10");
        }

        await using var second = await AisleApp.StartAsync(_dataDirectory);
        var remembered = await second.Client.GetListAsync($"/api/users/{user}/recommendations?limit=10");
        var product = await second.Client.GetFromJsonAsync<ProductDetailsDto>($"/api/products/{bought.Id}", ApiJson.Options);

        Assert.True(remembered.Items.Count(i => i.Category.StartsWith("Watches", StringComparison.Ordinal)) >= 7, "the profile should still steer towards watches");
        Assert.Equal(learned.Items.Select(i => i.Id), remembered.Items.Select(i => i.Id));
        Assert.Equal(bought.Stock - 1, product!.Product.Stock);
        Assert.True(product.Popularity > 0, "the purchase and views should still count towards popularity");
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private sealed record ProductDetailsDto(ItemDto Product, double Popularity);
}
