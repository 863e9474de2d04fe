using System.Text.Json;
using Aisle.Products;
using Aisle.Users;

namespace Aisle.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class ClusterRestartTests(ClusterFixture cluster)
{
    [Fact]
    public async Task FullClusterRestartKeepsProfilesStockAndCounters()
    {
        await cluster.EnsureTwoSilosAsync();
        var ids = await ClusterApi.ProductIdsAsync(cluster.Http, "sports shoes", 2);
        string viewed = ids[0], stocked = ids[1];
        var user = "restart-" + Guid.NewGuid().ToString("N")[..6];
        await ClusterApi.SetStockAsync(cluster.Http, stocked, 42);
        var (status, accepted) = await ClusterApi.PostEventsAsync(cluster.Http, [
            new { userId = user, kind = "view", productId = viewed },
            new { userId = user, kind = "view", productId = viewed },
            new { userId = user, kind = "view", productId = viewed },
            new { userId = user, kind = "purchase", productId = stocked }]);
        Assert.Equal((200, 4), (status, accepted));
        // Counters and links are sent one-way; wait until the product grain has them all.
        await WaitUntilAsync(viewed, s => s.Views > 2.99 && s.Neighbours.Contains(stocked));

        // Graceful stop of every silo (grains deactivate and flush), then both start again on the same ports.
        await Task.WhenAll(cluster.Silos.Select(s => s.StopAsync()));
        await cluster.EnsureTwoSilosAsync();
        await cluster.StartClientAsync();

        var profile = await cluster.Client.GetGrain<IUserGrain>(user).GetProfileAsync();
        Assert.Equal(4, profile.EventCount);
        Assert.Contains(stocked, profile.Purchased);
        var stock = await cluster.Client.GetGrain<IProductGrain>(stocked).GetAsync();
        Assert.Equal(41, stock!.Stock);
        var after = await cluster.Client.GetGrain<IProductGrain>(viewed).GetAsync();
        Assert.True(after!.Views > 2.99, $"views {after.Views}");
        Assert.Contains(stocked, after.Neighbours);
        // The replicas were reloaded from PostgreSQL: the product page (a replica read) shows the stock too.
        using var page = JsonDocument.Parse(await cluster.Http.GetStringAsync($"/api/products/{stocked}"));
        Assert.Equal(41, page.RootElement.GetProperty("product").GetProperty("stock").GetInt32());
    }

    private async Task WaitUntilAsync(string productId, Func<ProductSnapshot, bool> condition)
    {
        var grain = cluster.Client.GetGrain<IProductGrain>(productId);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (condition((await grain.GetAsync())!))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Product {productId} never reached the expected counters.");
    }
}
