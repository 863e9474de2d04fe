using Aisle.Catalog;

namespace Aisle.Tests.Cluster;

/// <summary>Reads what each running silo's own replica holds, through that silo's replica sink.</summary>
public static class ReplicaProbe
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The sinks of the running silos, once each answers. After a test that killed silos, the membership can still
    /// list a dead incarnation as active for a while (seen under load), and its sink can never answer: so the newest
    /// incarnation on each running silo's port. And a silo that has just joined is an active member for the others a
    /// moment later; until then a call from elsewhere is refused.
    /// </summary>
    public static async Task<IReplicaSinkGrain[]> SinksAsync(ClusterFixture cluster)
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
                catch (OrleansMessageRejectionException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(200);
                }
            }
        }

        return sinks;
    }

    /// <summary>Whether every sink's replica comes to satisfy <paramref name="condition"/> for the product in time.</summary>
    public static Task<bool> EverySiloAsync(IReplicaSinkGrain[] sinks, string productId, Func<ReplicaView, bool> condition) =>
        UntilAsync(sinks, productId, views => views.All(v => v is not null && condition(v)));

    /// <summary>Whether every sink's replica comes to hold the same version of the product in time.</summary>
    public static Task<bool> ConvergedAsync(IReplicaSinkGrain[] sinks, string productId) =>
        UntilAsync(sinks, productId, views => views.All(v => v is not null) && views.Select(v => v!.Version).Distinct().Count() == 1);

    /// <summary>Reads the product from every sink until <paramref name="holds"/> is true of the views, or the deadline.</summary>
    private static async Task<bool> UntilAsync(IReplicaSinkGrain[] sinks, string productId, Func<ReplicaView?[], bool> holds)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (DateTime.UtcNow < deadline)
        {
            if (holds(await Task.WhenAll(sinks.Select(s => s.ReadAsync(productId)))))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
