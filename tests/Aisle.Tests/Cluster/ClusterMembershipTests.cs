using Aisle.Users;

namespace Aisle.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class ClusterMembershipTests(ClusterFixture cluster)
{
    [Fact]
    public async Task TwoSilosJoinSeeEachOtherAndHostUserGrainsBetweenThem()
    {
        await cluster.EnsureTwoSilosAsync();
        var management = cluster.Client.GetGrain<IManagementGrain>(0);

        var hosts = await management.GetHosts(onlyActive: true);
        Assert.Equal(2, hosts.Count);
        Assert.Equal(
            cluster.Silos.Select(s => s.SiloPort).Order(),
            hosts.Keys.Select(address => address.Endpoint.Port).Order());

        var product = (await ClusterApi.ProductIdsAsync(cluster.Http, "watch", 1))[0];
        var users = Enumerable.Range(0, 60).Select(i => $"spread-{cluster.ClusterId}-{i}").ToArray();
        // A cold cluster on a loaded machine may answer 503 "cluster busy" at first: retried, with event ids, as a client does.
        var (status, accepted) = await ClusterApi.PostEventsRetryingAsync(cluster.Http,
            [.. users.Select(u => (object)new { userId = u, kind = "view", productId = product, eventId = $"{u}-view" })], TimeSpan.FromMinutes(1));
        Assert.Equal(200, status);
        Assert.Equal(users.Length, accepted);

        var statistics = await management.GetDetailedGrainStatistics();
        var silosOfOurUsers = statistics
            .Where(s => users.Contains(s.GrainId.Key.ToString()))
            .GroupBy(s => s.SiloAddress)
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(2, silosOfOurUsers.Count);
        Assert.Equal(users.Length, silosOfOurUsers.Values.Sum());
        var profiles = await Task.WhenAll(users.Select(u => cluster.Client.GetGrain<IUserGrain>(u).GetProfileAsync()));
        Assert.All(profiles, profile => Assert.Equal(1, profile.EventCount));
    }
}
