namespace Aisle.Tests.Cluster;

/// <summary>Every silo answers from its own replica; a change made by a product grain on one silo must reach the other.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ReplicaPropagationTests(ClusterFixture cluster)
{
    [Fact]
    public async Task StockAndShopperActivityReachTheReplicaOfBothSilos()
    {
        await cluster.EnsureTwoSilosAsync();
        var sinks = await ReplicaProbe.SinksAsync(cluster);
        Assert.Equal(2, sinks.Length);
        var ids = await ClusterApi.ProductIdsAsync(cluster.Http, "ring", 2);
        var (product, seenWith) = (ids[0], ids[1]);

        // A durable change: the product grain lives on one silo, so one of the two replicas can only learn it remotely.
        var stock = 7_000 + Random.Shared.Next(1_000);
        await ClusterApi.SetStockAsync(cluster.Http, product, stock);
        Assert.True(await ReplicaProbe.EverySiloAsync(sinks, product, view => view.Stock == stock), $"stock {stock} did not reach both replicas");

        // Best-effort learning: views summed per silo, delivered to the product grain, published to every replica.
        var users = Enumerable.Range(0, 20).Select(i => $"replica-{cluster.ClusterId}-{i}").ToArray();
        var (status, accepted) = await ClusterApi.PostEventsAsync(cluster.Http, users.SelectMany(u => new object[]
        {
            new { userId = u, kind = "view", productId = seenWith },
            new { userId = u, kind = "view", productId = product },
        }));
        Assert.Equal((200, users.Length * 2), (status, accepted));
        Assert.True(await ReplicaProbe.EverySiloAsync(sinks, product, view => view.Popularity > 0 && view.Neighbours.Contains(seenWith)),
            "views and the co-interaction link did not reach both replicas");

        // Each silo delivers its own summed activity, so a later version may still be on its way to one replica:
        // both must come to hold the same one.
        Assert.True(await ReplicaProbe.ConvergedAsync(sinks, product), "the two replicas never held the same version of the product");
    }
}
