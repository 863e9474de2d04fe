using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Aisle.Users;
using Xunit.Abstractions;

namespace Aisle.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class RollingRestartTests(ClusterFixture cluster, ITestOutputHelper output)
{
    private static readonly TimeSpan StepEvery = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// A rolling upgrade under steady load, as the chart does it: each silo in turn is replaced by a new one, started
    /// first, and gets SIGTERM once the new one is ready (catalog loaded, active member) and holds shoppers; it hands
    /// its grains over and exits after its graceful shutdown. No request takes 2 s, at most 0.5 % fail (each a 503 with
    /// Retry-After), every event is stored once, and both new silos' replicas hear a product change.
    /// </summary>
    [Fact]
    public async Task ReplacingEachSiloInTurnWithSigtermFailsAlmostNoRequestAndLosesNoEvent()
    {
        await cluster.EnsureTwoSilosAsync();
        var products = await ClusterApi.ProductIdsAsync(cluster.Http, "watch", 40);
        var run = Guid.NewGuid().ToString("N")[..6];
        // Many shoppers, so new ones keep activating: the cluster places them on each new silo too.
        var users = Enumerable.Range(0, 2000).Select(i => $"rolling-{run}-{i}").ToArray();
        // Events per shopper sent, and of those acknowledged (2xx). A batch answered 503 "Cluster busy" may or may not
        // have been applied (the budget ran out, not the call), so a profile holds between the two.
        var sent = new ConcurrentDictionary<string, int>();
        var acknowledged = new ConcurrentDictionary<string, int>();
        var requests = new ConcurrentBag<(double Start, double End, HttpStatusCode Status, string Kind, string Problem, bool RetryableProblem)>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();

        async Task<bool> SendAsync(string kind, Func<Task<HttpResponseMessage>> send)
        {
            var start = clock.Elapsed.TotalSeconds;
            var status = (HttpStatusCode)0;
            var problem = "";
            var retryable = false;
            try
            {
                using var response = await send();
                status = response.StatusCode;
                if (!response.IsSuccessStatusCode)
                {
                    // What went wrong, for the figures: the problem's title ("Cluster busy", "Cluster unavailable", …).
                    retryable = ClusterApi.IsRetryableProblem(response);
                    problem = retryable ? (await response.Content.ReadFromJsonAsync<ProblemTitle>())?.Title ?? "" : "(no problem+json with Retry-After)";
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
            {
                (problem, retryable) = ($"({ex.GetType().Name})", false);
            }

            requests.Add((start, clock.Elapsed.TotalSeconds, status, kind, problem, retryable));
            return (int)status is >= 200 and < 300;
        }

        async Task SendEventsAsync(string user, object[] events)
        {
            sent.AddOrUpdate(user, events.Length, (_, n) => n + events.Length);
            if (await SendAsync("events", () => cluster.Http.PostAsJsonAsync("/api/events", new { events })))
            {
                acknowledged.AddOrUpdate(user, events.Length, (_, n) => n + events.Length);
            }
        }

        var load = Task.Run(async () =>
        {
            var random = new Random(23);
            var steps = new List<Task>();
            for (var step = 0; !stop.IsCancellationRequested; step++)
            {
                var user = users[random.Next(users.Length)];
                switch (step % 3)
                {
                    case 0:
                        var count = random.Next(1, 4);
                        var batch = step;
                        var events = Enumerable.Range(0, count)
                            .Select(object (k) => new { userId = user, kind = "view", productId = products[random.Next(products.Length)], eventId = $"{run}-{batch}-{k}" })
                            .ToArray();
                        steps.Add(SendEventsAsync(user, events));
                        break;
                    case 1:
                        steps.Add(SendAsync("recommendations", () => cluster.Http.GetAsync($"/api/users/{user}/recommendations?limit=5")));
                        break;
                    default:
                        steps.Add(SendAsync("search", () => cluster.Http.GetAsync($"/api/search?q=watch&userId={user}&limit=5")));
                        break;
                }

                await Task.Delay(StepEvery);
            }

            await Task.WhenAll(steps);
        });

        // Warm first: a fresh cluster's first searches load query models and JIT the paths; the restart is what is
        // measured, so counting starts once 50 requests in a row have answered 2xx.
        var warm = DateTime.UtcNow.AddMinutes(1);
        while (!requests.OrderBy(r => r.End).TakeLast(50).All(r => (int)r.Status is >= 200 and < 300) || requests.Count < 50)
        {
            Assert.True(DateTime.UtcNow < warm, "The cluster did not answer 50 requests in a row within a minute.");
            await Task.Delay(100);
        }

        var measuredFrom = clock.Elapsed.TotalSeconds;
        for (var i = 0; i < cluster.Silos.Length; i++)
        {
            // As the chart's rolling update (maxSurge 1, maxUnavailable 0): the replacement first, on its own ports.
            var leaving = cluster.Silos[i];
            var replacement = await SiloProcess.StartAsync($"{leaving.Name}-next", cluster.ConnectionString, cluster.ClusterId);
            output.WriteLine($"{replacement.Name}: ready at {clock.Elapsed.TotalSeconds:F1} s");
            // Ready means an active member with its catalog loaded. What the chart's minReadySeconds (10 s) stands for,
            // as a state rather than a time: the cluster places the traffic's shoppers on the new silo.
            await WaitForShoppersOnAsync(replacement, $"rolling-{run}-", 20);
            output.WriteLine($"{replacement.Name}: holds shoppers at {clock.Elapsed.TotalSeconds:F1} s");

            var stopped = clock.Elapsed.TotalSeconds;
            await leaving.StopAsync();
            output.WriteLine($"{leaving.Name}: SIGTERM at {stopped:F1} s, exited after {clock.Elapsed.TotalSeconds - stopped:F1} s");
            // Before Orleans' shutdown, the leaving silo moved its shoppers' grains to the others (HandOverOnShutdown).
            using var log = new StreamReader(new FileStream(leaving.Log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            var handOver = (await log.ReadToEndAsync()).Split('\n').FirstOrDefault(l => l.Contains("grains over to") || l.Contains("Hand-over incomplete"));
            Assert.True(handOver is not null, $"{leaving.Name} did not hand its grains over before shutting down; log: {leaving.Log}");
            output.WriteLine($"{leaving.Name}: {handOver!.Trim()}");
            cluster.Silos[i] = replacement;
            await leaving.DisposeAsync();
        }

        stop.Cancel();
        await load;
        var all = requests.Where(r => r.Start >= measuredFrom).ToArray();
        var failed = all.Where(r => (int)r.Status is < 200 or >= 300).ToArray();
        var slowest = all.Max(r => r.End - r.Start);
        output.WriteLine($"requests {all.Length}, failed {failed.Length} " +
            $"({string.Join(", ", failed.GroupBy(r => $"{r.Kind} {(int)r.Status} {r.Problem}").Select(g => $"{g.Key}: {g.Count()}"))}), slowest {slowest:F2} s; " +
            $"failures started at {string.Join(" ", failed.GroupBy(r => (int)r.Start).OrderBy(g => g.Key).Select(g => $"{g.Key} s ×{g.Count()}"))}");

        var profiles = await Task.WhenAll(users.Select(async u => (User: u, Profile: await cluster.Client.GetGrain<IUserGrain>(u).GetProfileAsync())));
        // Every acknowledged event is held, and none twice (each event was sent once, with its own id).
        var wrong = profiles.Where(p => p.Profile.EventCount < acknowledged.GetValueOrDefault(p.User) || p.Profile.EventCount > sent.GetValueOrDefault(p.User)).ToArray();
        Assert.True(wrong.Length == 0, "Profiles not holding every acknowledged event exactly once: " + string.Join(", ",
            wrong.Take(5).Select(m => $"{m.User}: {m.Profile.EventCount} held, {acknowledged.GetValueOrDefault(m.User)} acknowledged of {sent.GetValueOrDefault(m.User)} sent")));

        // The new silos feed each other's replicas: a product change made on either reaches both. (Each sink's
        // directory entry lived on silos that are gone now; a lost entry once left a sink unreachable.)
        var sinks = await ReplicaProbe.SinksAsync(cluster);
        Assert.Equal(cluster.Silos.Length, sinks.Length);
        var stock = 5_000 + Random.Shared.Next(1_000);
        await ClusterApi.SetStockAsync(cluster.Http, products[0], stock);
        Assert.True(await ReplicaProbe.EverySiloAsync(sinks, products[0], view => view.Stock == stock),
            $"stock {stock} did not reach the replica of every new silo");

        Assert.True(all.Length > 500, $"Only {all.Length} requests were made.");
        // The goal is 0 (issue 12); on two shared cores a handful still outlive the 1.5 s budget while a silo hands its
        // grains over (docs/reliability.md: 0–2 of ~2,600–3,200 on an idle machine, up to 8 of ~3,000–4,400 under CPU load). So
        // the test holds the line it can hold on a busy machine: at most 0.5 %, each a 503 problem with Retry-After.
        Assert.True(failed.Length * 200 <= all.Length, $"{failed.Length} of {all.Length} requests failed during the rolling restart.");
        Assert.All(failed, r => Assert.True(r.RetryableProblem,
            $"A {r.Kind} request failed with {(int)r.Status} {r.Problem}, not a 503 problem with Retry-After."));
        Assert.True(slowest < 2.0, $"A request took {slowest:F2} s.");
    }

    private async Task WaitForShoppersOnAsync(SiloProcess silo, string prefix, int count)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        var held = 0;
        while (DateTime.UtcNow < deadline)
        {
            held = (await cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics())
                .Count(s => s.SiloAddress.Endpoint.Port == silo.SiloPort && s.GrainId.Key.ToString()!.StartsWith(prefix, StringComparison.Ordinal));
            if (held >= count)
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{silo.Name} holds {held} of this test's shoppers after a minute, not {count}.");
    }

    private sealed record ProblemTitle(string? Title);
}
