using Aisle.Catalog;

namespace Aisle.Tests.Cluster;

/// <summary>Every silo answers from its own replica; a change made by a product grain on one silo must reach the other.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ReplicaPropagationTests(ClusterFixture cluster)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task StockAndShopperActivityReachTheReplicaOfBothSilos()
    {
        await cluster.EnsureTwoSilosAsync();
        var sinks = await SinksAsync();
        Assert.Equal(2, sinks.Length);
        var ids = await ClusterApi.ProductIdsAsync(cluster.Http, "ring", 2);
        var (product, seenWith) = (ids[0], ids[1]);

        // A durable change: the product grain lives on one silo, so one of the two replicas can only learn it remotely.
        var stock = 7_000 + Random.Shared.Next(1_000);
        await ClusterApi.SetStockAsync(cluster.Http, product, stock);
        Assert.True(await EverySiloAsync(sinks, product, view => view.Stock == stock), $"stock {stock} did not reach both replicas");

        // Best-effort learning: views summed per silo, delivered to the product grain, published to every replica.
        var users = Enumerable.Range(0, 20).Select(i => $"replica-{cluster.ClusterId}-{i}").ToArray();
        var (status, accepted) = await ClusterApi.PostEventsAsync(cluster.Http, users.SelectMany(u => new object[]
        {
            new { userId = u, kind = "view", productId = seenWith },
            new { userId = u, kind = "view", productId = product },
        }));
        Assert.Equal((200, users.Length * 2), (status, accepted));
        Assert.True(await EverySiloAsync(sinks, product, view => view.Popularity > 0 && view.Neighbours.Contains(seenWith)),
            "views and the co-interaction link did not reach both replicas");

        // Each silo delivers its own summed activity, so a later version may still be on its way to one replica:
        // both must come to hold the same one.
        Assert.True(await ConvergedAsync(sinks, product), "the two replicas never held the same version of the product");
    }

    /// <summary>
    /// The sinks of the running silos, once each answers. After a test that killed silos, the membership can still
    /// list a dead incarnation as active for a while (seen under load), and its sink can never answer: so the newest
    /// incarnation on each running silo's port. And a silo that has just joined activates its own sink a moment later;
    /// until then a call from elsewhere is refused.
    /// </summary>
    private async Task<IReplicaSinkGrain[]> SinksAsync()
    {
        var hosts = await cluster.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        var running = cluster.Silos.Where(s => s.Running).Select(s => s.SiloPort).ToHashSet();
        var sinks = hosts.Keys
            .Where(address => running.Contains(address.Endpoint.Port))
            .GroupBy(address => address.Endpoint.Port)
            .Select(incarnations => incarnations.MaxBy(address => address.Generation)!)
            .Select(address => cluster.Client.GetGrain<IReplicaSinkGrain>(address.ToParsableString()))
            .ToArray();
        var deadline = DateTime.UtcNow + Deadline;
        foreach (var sink in sinks)
        {
            while (true)
            {
                try
                {
                    await sink.PingAsync();
                    break;
                }
                catch (InvalidOperationException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(200);
                }
            }
        }

        return sinks;
    }

    private static async Task<bool> ConvergedAsync(IReplicaSinkGrain[] sinks, string productId)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (DateTime.UtcNow < deadline)
        {
            var views = await Task.WhenAll(sinks.Select(s => s.ReadAsync(productId)));
            if (views.All(v => v is not null) && views.Select(v => v!.Version).Distinct().Count() == 1)
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    private static async Task<bool> EverySiloAsync(IReplicaSinkGrain[] sinks, string productId, Func<ReplicaView, bool> condition)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (DateTime.UtcNow < deadline)
        {
            var views = await Task.WhenAll(sinks.Select(s => s.ReadAsync(productId)));
            if (views.All(v => v is not null && condition(v)))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
