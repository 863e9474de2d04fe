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
        var batches = Enumerable.Range(0, 100).Select(b => Enumerable.Range(0, 100)
            .Select(i => (object)new { userId = $"buyer-{run}-{b}-{i}", kind = "purchase", productId = product })
            .ToArray());
        var results = await Task.WhenAll(batches.Select(batch => ClusterApi.PostEventsAsync(cluster.Http, batch)));

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
