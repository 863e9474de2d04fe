using System.Collections.Concurrent;
using System.Diagnostics;
using Aisle.Products;
using Aisle.Users;
using Npgsql;
using Xunit.Abstractions;

namespace Aisle.Tests.Cluster;

/// <summary>
/// Nothing acknowledged is lost or counted twice when silos die with kill -9 under load: shoppers send events with
/// ids and retry until answered (as the storefront does), and afterwards each product's view counter has grown by
/// exactly the views acknowledged for it, and each shopper's profile holds each acknowledged event once.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ActivityCrashTests(ClusterFixture cluster, ITestOutputHelper output)
{
    private static readonly TimeSpan LoadTime = TimeSpan.FromSeconds(12);
    private static readonly TimeSpan KillAfter = TimeSpan.FromSeconds(4);

    [Fact]
    public Task KillingOneSiloLosesNoProductActivityAndCountsNoneTwice() =>
        RunAsync("one", killBoth: false);

    [Fact]
    public Task KillingBothSilosLosesNoProductActivityAndCountsNoneTwice() =>
        RunAsync("both", killBoth: true);

    private async Task RunAsync(string name, bool killBoth)
    {
        await cluster.EnsureTwoSilosAsync();
        var products = await ClusterApi.ProductIdsAsync(cluster.Http, killBoth ? "backpack" : "wrist watch", 30);
        Assert.True(products.Length >= 10, $"Only {products.Length} products found.");
        var before = await SettledViewsAsync(products);

        var run = $"crash-{name}-{Guid.NewGuid().ToString("N")[..6]}";
        var users = Enumerable.Range(0, 60).Select(i => $"{run}-{i}").ToArray();
        var acknowledgedViews = new ConcurrentDictionary<string, int>();
        var acknowledgedEvents = new ConcurrentDictionary<string, int>();
        var random = new Random(29);
        var clock = Stopwatch.StartNew();
        var sending = new List<Task>();
        var killed = false;
        for (var step = 0; clock.Elapsed < LoadTime; step++)
        {
            if (!killed && clock.Elapsed >= KillAfter)
            {
                killed = true;
                cluster.Silos[1].Kill();
                if (killBoth)
                {
                    cluster.Silos[0].Kill();
                    sending.Add(cluster.EnsureTwoSilosAsync());
                }
            }

            var user = users[random.Next(users.Length)];
            var events = Enumerable.Range(0, random.Next(1, 5))
                .Select(i => (Id: $"{user}-{step}-{i}", Product: products[random.Next(products.Length)]))
                .ToArray();
            sending.Add(SendUntilAnsweredAsync(user, events));
            await Task.Delay(20);
        }

        await Task.WhenAll(sending);
        await cluster.EnsureTwoSilosAsync();
        if (killBoth)
        {
            await cluster.StartClientAsync();
        }

        var expected = products.ToDictionary(p => p, p => before[p] + acknowledgedViews.GetValueOrDefault(p));
        var after = await ConvergedViewsAsync(products, expected);
        var wrong = products.Where(p => Math.Abs(after[p] - expected[p]) > 0.4).ToArray();
        output.WriteLine($"views acknowledged {acknowledgedViews.Values.Sum()} over {products.Length} products; " +
            $"grown by {products.Sum(p => after[p] - before[p]):F2}");
        Assert.True(wrong.Length == 0, "Product views differ from the acknowledged ones: " + string.Join(", ",
            wrong.Take(5).Select(p => $"{p}: {after[p] - before[p]:F2} counted, {acknowledgedViews.GetValueOrDefault(p)} acknowledged")));
        Assert.True(acknowledgedViews.Values.Sum() > 200, $"Only {acknowledgedViews.Values.Sum()} views acknowledged.");

        // Once the products have saved everything and the dead silos' records are replayed, the outbox empties.
        var left = await OutboxDrainedAsync();
        Assert.True(left == 0, $"{left} outbox records left a minute after the load.");

        var profiles = await Task.WhenAll(users.Select(async u => (User: u, Profile: await cluster.Client.GetGrain<IUserGrain>(u).GetProfileAsync())));
        var unequal = profiles.Where(p => p.Profile.EventCount != acknowledgedEvents.GetValueOrDefault(p.User)).ToArray();
        Assert.True(unequal.Length == 0, "Profiles not holding each acknowledged event once: " + string.Join(", ",
            unequal.Take(5).Select(u => $"{u.User}: {u.Profile.EventCount} held, {acknowledgedEvents.GetValueOrDefault(u.User)} acknowledged")));

        async Task SendUntilAnsweredAsync(string user, (string Id, string Product)[] events)
        {
            var body = events.Select(e => (object)new { userId = user, kind = "view", productId = e.Product, eventId = e.Id }).ToArray();
            for (var attempt = 0; attempt < 600; attempt++)
            {
                try
                {
                    var (status, accepted) = await ClusterApi.PostEventsAsync(cluster.Http, body);
                    if (status == 200)
                    {
                        Assert.Equal(events.Length, accepted);
                        foreach (var e in events)
                        {
                            acknowledgedViews.AddOrUpdate(e.Product, 1, (_, n) => n + 1);
                        }

                        acknowledgedEvents.AddOrUpdate(user, events.Length, (_, n) => n + events.Length);
                        return;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                }

                await Task.Delay(200);
            }

            throw new TimeoutException($"Events of {user} not acknowledged in 600 attempts.");
        }
    }

    /// <summary>Views as the product grains hold them once earlier tests' activity has landed: two reads in a row,
    /// a flush interval and more apart, agree.</summary>
    private async Task<Dictionary<string, double>> SettledViewsAsync(string[] products)
    {
        var last = await ViewsAsync(products);
        for (var attempt = 0; attempt < 60; attempt++)
        {
            await Task.Delay(1500);
            var now = await ViewsAsync(products);
            if (products.All(p => Math.Abs(now[p] - last[p]) < 0.01))
            {
                return now;
            }

            last = now;
        }

        throw new TimeoutException("Product views did not settle.");
    }

    /// <summary>Reads until every product shows what is expected (delivery, then recovery of the dead silo's outbox,
    /// take seconds), or two minutes pass; returns the last read either way.</summary>
    private async Task<Dictionary<string, double>> ConvergedViewsAsync(string[] products, Dictionary<string, double> expected)
    {
        var deadline = Stopwatch.StartNew();
        var views = await ViewsAsync(products);
        while (deadline.Elapsed < TimeSpan.FromMinutes(2) && products.Any(p => Math.Abs(views[p] - expected[p]) > 0.4))
        {
            await Task.Delay(500);
            views = await ViewsAsync(products);
        }

        output.WriteLine($"converged after {deadline.Elapsed.TotalSeconds:F1} s");
        return views;
    }

    private async Task<long> OutboxDrainedAsync()
    {
        await using var database = NpgsqlDataSource.Create(cluster.ConnectionString);
        var deadline = Stopwatch.StartNew();
        long left;
        do
        {
            await using var count = database.CreateCommand("SELECT count(*) FROM aisle_outbox");
            left = (long)(await count.ExecuteScalarAsync())!;
            if (left > 0)
            {
                await Task.Delay(500);
            }
        }
        while (left > 0 && deadline.Elapsed < TimeSpan.FromMinutes(1));

        output.WriteLine($"outbox drained after {deadline.Elapsed.TotalSeconds:F1} s ({left} left)");
        return left;
    }

    private async Task<Dictionary<string, double>> ViewsAsync(string[] products)
    {
        var snapshots = await Task.WhenAll(products.Select(p => cluster.Client.GetGrain<IProductGrain>(p).GetAsync()));
        return products.Zip(snapshots).ToDictionary(x => x.First, x => x.Second!.Views);
    }
}
