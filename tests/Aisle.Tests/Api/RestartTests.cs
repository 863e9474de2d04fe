using System.Net;
using System.Net.Http.Json;

namespace Aisle.Tests.Api;

/// <summary>A stopped and restarted Aisle keeps what it learned: profiles, stock, popularity, carts, experiments.</summary>
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

    [Fact]
    public async Task ARestartKeepsTheCartTheOrdersAndTheExperimentTotals()
    {
        const string shopper = "returning-cart-shopper";
        var admin = new Dictionary<string, string> { ["X-Api-Key"] = AisleApp.AdminKey };
        string variant;
        await using (var first = await AisleApp.StartAsync(_dataDirectory))
        {
            using (var created = await SendAsync(first.Client, HttpMethod.Put, "/api/admin/experiments/restart-exp", admin, new
            {
                status = "running",
                surface = "similar",
                variants = new object[] { new { name = "a", weight = 50 }, new { name = "b", weight = 50 } },
            }))
            {
                Assert.Equal(HttpStatusCode.OK, created.StatusCode);
            }

            var anchor = (await first.Client.GetListAsync("/api/search?q=analog%20watch&inStock=true&limit=1")).Items[0].Id;
            var similar = await first.Client.GetFromJsonAsync<ExperimentListDto>($"/api/products/{anchor}/similar?userId={shopper}&limit=5", ApiJson.Options);
            variant = similar!.Variant!;
            var bought = similar.Items.First(i => i.Stock >= 2);
            using (var purchase = await first.Client.PostEventsAsync(new
            {
                events = new[] { new { userId = shopper, kind = "purchase", productId = bought.Id, requestId = similar.RequestId } },
            }))
            {
                Assert.Equal(HttpStatusCode.OK, purchase.StatusCode);
            }

            using (var added = await first.Client.PostAsJsonAsync($"/api/users/{shopper}/cart/items", new { productId = bought.Id, quantity = 1 }))
            {
                Assert.Equal(HttpStatusCode.OK, added.StatusCode);
            }

            // Totals reach the stats grain through a one-second buffer: wait for them before stopping.
            for (var attempt = 0; attempt < 100 && await PurchasesAsync(first.Client, admin) < 1; attempt++)
            {
                await Task.Delay(100);
            }

            Assert.Equal(1, await PurchasesAsync(first.Client, admin));
        }

        await using var second = await AisleApp.StartAsync(_dataDirectory);
        var cart = await second.Client.GetStringAsync($"/api/users/{shopper}/cart");
        var again = await second.Client.GetFromJsonAsync<ExperimentListDto>(
            $"/api/products/{(await second.Client.GetListAsync("/api/search?q=analog%20watch&inStock=true&limit=1")).Items[0].Id}/similar?userId={shopper}&limit=5", ApiJson.Options);

        Assert.Contains("\"quantity\":1", cart);
        Assert.Equal(1, await PurchasesAsync(second.Client, admin));
        Assert.Equal(variant, again!.Variant);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, Dictionary<string, string> headers, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return await client.SendAsync(request);
    }

    private static async Task<long> PurchasesAsync(HttpClient client, Dictionary<string, string> admin)
    {
        using var response = await SendAsync(client, HttpMethod.Get, "/api/admin/experiments/restart-exp/report", admin);
        var report = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return report.GetProperty("variants").EnumerateArray().Sum(v => v.GetProperty("counters").GetProperty("purchases").GetInt64());
    }

    private sealed record ExperimentListDto(ItemDto[] Items, string RequestId, string? Experiment, string? Variant);

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private sealed record ProductDetailsDto(ItemDto Product, double Popularity);
}
