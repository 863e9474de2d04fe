using System.Text.Json;
using Aisle.Products;

namespace Aisle.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class OversellTests(ClusterFixture cluster)
{
    [Fact]
    public async Task TenThousandConcurrentPurchasesOnStockOfHundredSellExactlyHundredAcrossBothSilos()
    {
        await cluster.EnsureTwoSilosAsync();
        var product = (await ClusterApi.ProductIdsAsync(cluster.Http, "analog watch", 3))[2];
        await ClusterApi.SetStockAsync(cluster.Http, product, 100);

        // 100 concurrent requests of 100 purchases each, every purchase by a different shopper: 10,000 user grains,
        // spread over both silos, all racing for the one product grain that holds the stock.
        var run = Guid.NewGuid().ToString("N")[..6];
        // Each purchase carries an event id: a batch still queued behind the product grain when the frontend's request
        // budget (1.5 s) runs out is answered 503 with Retry-After, and the client sends it again; what the first
        // attempt applied is then recognised, not bought twice.
        var batches = Enumerable.Range(0, 100).Select(b => Enumerable.Range(0, 100)
            .Select(i => (object)new { userId = $"buyer-{run}-{b}-{i}", kind = "purchase", productId = product, eventId = $"buy-{run}-{b}-{i}" })
            .ToArray());
        var results = await Task.WhenAll(batches.Select(async batch =>
        {
            for (var attempt = 0; ; attempt++)
            {
                var result = await ClusterApi.PostEventsAsync(cluster.Http, batch);
                if (result.Status != 503 || attempt == 50)
                {
                    return result;
                }

                await Task.Delay(500);
            }
        }));

        Assert.All(results, r => Assert.Contains(r.Status, new[] { 200, 409 }));
        Assert.Equal(100, results.Sum(r => r.Accepted));
        var snapshot = await cluster.Client.GetGrain<IProductGrain>(product).GetAsync();
        Assert.Equal(0, snapshot!.Stock);

        var buyers = (await cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics())
            .Where(s => s.GrainId.Key.ToString()!.StartsWith($"buyer-{run}-", StringComparison.Ordinal))
            .Select(s => s.SiloAddress)
            .Distinct()
            .Count();
        Assert.Equal(2, buyers);

        // The frontend's product page reads a silo's replica: it shows the sold-out stock too.
        using var page = JsonDocument.Parse(await cluster.Http.GetStringAsync($"/api/products/{product}"));
        Assert.Equal(0, page.RootElement.GetProperty("product").GetProperty("stock").GetInt32());
    }
}
