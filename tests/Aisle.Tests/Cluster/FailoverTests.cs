using System.Collections.Concurrent;
using System.Diagnostics;
using Aisle.Users;
using Xunit.Abstractions;

namespace Aisle.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class FailoverTests(ClusterFixture cluster, ITestOutputHelper output)
{
    /// <summary>Steady open-loop load: a new shopper step every 10 ms, whatever earlier ones are waiting for.</summary>
    private static readonly TimeSpan StepEvery = TimeSpan.FromMilliseconds(10);
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
        var random = new Random(17);

        async Task PostEventsAsync(string user, object[] events)
        {
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
        }

        async Task RecommendAsync(string user)
        {
            var start = clock.Elapsed.TotalSeconds;
            var ok = false;
            try
            {
                // Reads the shopper's profile from its grain, wherever it lives.
                using var response = await cluster.Http.GetAsync($"/api/users/{user}/recommendations?limit=5");
                ok = response.IsSuccessStatusCode;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            requests.Add((start, clock.Elapsed.TotalSeconds, ok));
        }

        var steps = new List<Task>();
        double? killedAt = null;
        for (var step = 0; clock.Elapsed < LoadTime; step++)
        {
            if (killedAt is null && clock.Elapsed >= KillAfter)
            {
                killedAt = clock.Elapsed.TotalSeconds;
                cluster.Silos[1].Kill();
            }

            var user = users[random.Next(users.Length)];
            if (step % 2 == 0)
            {
                var count = random.Next(1, 4);
                var events = Enumerable.Range(0, count)
                    .Select(_ => (object)new { userId = user, kind = "view", productId = products[random.Next(products.Length)] })
                    .ToArray();
                sent.AddOrUpdate(user, count, (_, n) => n + count);
                steps.Add(PostEventsAsync(user, events));
            }
            else
            {
                steps.Add(RecommendAsync(user));
            }

            await Task.Delay(StepEvery);
        }

        await Task.WhenAll(steps);
        var kill = killedAt!.Value;
        var all = requests.ToArray();
        var failed = all.Where(r => !r.Ok).ToArray();
        // Failover gap: from the kill until every request started afterwards is answered normally (no failure, no
        // answer slower than a second).
        var disturbed = all.Where(r => r.Start >= kill - 1 && (!r.Ok || r.End - r.Start > 1.0)).ToArray();
        var gap = disturbed.Length == 0 ? 0 : Math.Max(0, disturbed.Max(r => r.Start) - kill);
        var firstSuccess = all.Where(r => r.Start >= kill && r.Ok).Select(r => r.End - kill).DefaultIfEmpty(double.NaN).Min();
        output.WriteLine($"requests {all.Length}, failed {failed.Length} ({100.0 * failed.Length / all.Length:F2}%), " +
            $"first success {firstSuccess:F2} s after the kill, gap {gap:F2} s, slowest {all.Max(r => r.End - r.Start):F2} s; " +
            $"killed silo's log {cluster.Silos[1].Log}");

        Assert.True(all.Length > 1000, $"Only {all.Length} requests were made.");
        Assert.True(failed.Length <= all.Length / 100, $"{failed.Length} of {all.Length} requests failed.");
        Assert.True(firstSuccess < 10, $"First success {firstSuccess:F2} s after the kill.");
        Assert.True(gap < 10, $"Requests started up to {gap:F2} s after the kill failed or were slow.");

        // Every acknowledged event is in its shopper's profile (at least once: a failed request may still have been
        // applied, so never more than what was sent). Reading profiles reactivates the dead silo's grains elsewhere.
        var profiles = await Task.WhenAll(users.Select(async u => (User: u, Profile: await cluster.Client.GetGrain<IUserGrain>(u).GetProfileAsync())));
        var missing = profiles.Where(p => p.Profile.EventCount < acknowledged.GetValueOrDefault(p.User)).ToArray();
        output.WriteLine($"acknowledged events {acknowledged.Values.Sum()}, in profiles {profiles.Sum(p => p.Profile.EventCount)}, sent {sent.Values.Sum()}");
        Assert.True(missing.Length == 0, "Acknowledged events lost for " + string.Join(", ",
            missing.Take(5).Select(m => $"{m.User}: {m.Profile.EventCount} < {acknowledged.GetValueOrDefault(m.User)}")));
        Assert.All(profiles, p => Assert.True(p.Profile.EventCount <= sent.GetValueOrDefault(p.User)));
        Assert.True(acknowledged.Values.Sum() > 500);

        await cluster.EnsureTwoSilosAsync();
    }
}
