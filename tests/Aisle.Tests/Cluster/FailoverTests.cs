using System.Collections.Concurrent;
using System.Diagnostics;
using Aisle.Users;
using Xunit.Abstractions;

namespace Aisle.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class FailoverTests(ClusterFixture cluster, ITestOutputHelper output)
{
    private const int Workers = 6;
    private static readonly TimeSpan LoadTime = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan KillAfter = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task KillingASiloUnderLoadLosesNoAcknowledgedEventAndFailsAtMostOnePercent()
    {
        await cluster.EnsureTwoSilosAsync();
        var products = await ClusterApi.ProductIdsAsync(cluster.Http, "shirt", 40);
        var run = Guid.NewGuid().ToString("N")[..6];
        var users = Enumerable.Range(0, 300).Select(i => $"failover-{run}-{i}").ToArray();
        var acknowledged = new ConcurrentDictionary<string, int>();
        var sent = new ConcurrentDictionary<string, int>();
        var requests = new ConcurrentBag<(double Start, double End, bool Ok)>();
        var clock = Stopwatch.StartNew();

        async Task WorkerAsync(int seed)
        {
            var random = new Random(seed);
            while (clock.Elapsed < LoadTime)
            {
                // Events: a small batch for one shopper, counted as acknowledged only on 200.
                var user = users[random.Next(users.Length)];
                var count = random.Next(1, 4);
                var events = Enumerable.Range(0, count)
                    .Select(_ => (object)new { userId = user, kind = "view", productId = products[random.Next(products.Length)] })
                    .ToArray();
                sent.AddOrUpdate(user, count, (_, n) => n + count);
                var start = clock.Elapsed.TotalSeconds;
                var ok = false;
                try
                {
                    var (status, accepted) = await ClusterApi.PostEventsAsync(cluster.Http, events);
                    ok = status == 200;
                    if (ok)
                    {
                        acknowledged.AddOrUpdate(user, accepted, (_, n) => n + accepted);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                }

                requests.Add((start, clock.Elapsed.TotalSeconds, ok));

                // Recommendations for the same shopper: reads the profile from its grain, wherever it lives.
                start = clock.Elapsed.TotalSeconds;
                try
                {
                    using var response = await cluster.Http.GetAsync($"/api/users/{user}/recommendations?limit=5");
                    ok = response.IsSuccessStatusCode;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    ok = false;
                }

                requests.Add((start, clock.Elapsed.TotalSeconds, ok));
            }
        }

        var load = Task.WhenAll(Enumerable.Range(0, Workers).Select(seed => Task.Run(() => WorkerAsync(seed))));
        await Task.Delay(KillAfter);
        var killedAt = clock.Elapsed.TotalSeconds;
        cluster.Silos[1].Kill();
        await load;

        var all = requests.ToArray();
        var failed = all.Where(r => !r.Ok).ToArray();
        var afterKill = all.Where(r => r.Start >= killedAt).ToArray();
        // Failover gap: from the kill until requests are answered normally again (the last failed or slow request ends).
        var disturbed = afterKill.Where(r => !r.Ok || r.End - r.Start > 1.0).ToArray();
        var gap = disturbed.Length == 0 ? 0 : disturbed.Max(r => r.End) - killedAt;
        var firstSuccess = afterKill.Where(r => r.Ok).Select(r => r.End - killedAt).DefaultIfEmpty(double.NaN).Min();
        output.WriteLine($"requests {all.Length}, failed {failed.Length} ({100.0 * failed.Length / all.Length:F2}%), " +
            $"first success {firstSuccess:F2} s after the kill, gap {gap:F2} s; silo log {cluster.Silos[1].Log}");

        Assert.True(all.Length > 200, $"Only {all.Length} requests were made.");
        Assert.True(failed.Length <= all.Length / 100, $"{failed.Length} of {all.Length} requests failed.");
        Assert.True(firstSuccess < 10, $"First success {firstSuccess:F2} s after the kill.");
        Assert.True(gap < 10, $"Requests were failing or slow until {gap:F2} s after the kill.");

        // Every acknowledged event is in its shopper's profile (at least once; a failed request may still have been
        // applied, so never more than what was sent). Reading the profile reactivates grains of the dead silo.
        var profiles = await Task.WhenAll(users.Select(async u => (User: u, Profile: await cluster.Client.GetGrain<IUserGrain>(u).GetProfileAsync())));
        var missing = profiles.Where(p => p.Profile.EventCount < acknowledged.GetValueOrDefault(p.User)).ToArray();
        Assert.True(missing.Length == 0, "Acknowledged events lost for " + string.Join(", ",
            missing.Take(5).Select(m => $"{m.User}: {m.Profile.EventCount} < {acknowledged.GetValueOrDefault(m.User)}")));
        Assert.All(profiles, p => Assert.True(p.Profile.EventCount <= sent.GetValueOrDefault(p.User)));
        Assert.True(acknowledged.Values.Sum() > 0);
        output.WriteLine($"acknowledged events {acknowledged.Values.Sum()}, in profiles {profiles.Sum(p => p.Profile.EventCount)}, sent {sent.Values.Sum()}");

        await cluster.EnsureTwoSilosAsync();
    }
}
