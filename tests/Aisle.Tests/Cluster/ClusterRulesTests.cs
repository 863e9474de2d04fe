using System.Net;
using System.Net.Http.Json;
using Aisle.Ranking;
using Aisle.Recommendations;
using Aisle.Storage;
using Aisle.Tests.Api;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Aisle.Tests.Cluster;

/// <summary>Merchandising rules saved through one frontend are applied by every silo, not only the rules grain's.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterRulesTests(ClusterFixture cluster)
{
    /// <summary>Silos poll every second (RulesSync.Interval); the rest is room for slow polls on two cores running
    /// the rest of the suite beside it (load averages of 15–20 are seen in CI). The test waits for the version it
    /// asserts and stops as soon as it is there; the bound only turns "never" into a failure.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RulesSavedThroughTheAdminApiAreAppliedByBothSilosWithinSecondsAndAfterARestart()
    {
        await cluster.EnsureTwoSilosAsync();
        // Each silo ranks trending from its own replica, and the activity of earlier tests may still be landing there,
        // so the two lists can differ for a second or two. A pin reorders a list's candidates (it adds none): pin a
        // product both silos hold well inside their lists, and that neither ranks first already.
        // Wait for the lists to converge that far rather than judging one snapshot.
        var lists = await Task.WhenAll(cluster.Silos.Select(TrendingOnAsync));
        var inBoth = SharedInPlacesTwoToSeven(lists);
        for (var settle = DateTime.UtcNow.AddSeconds(20); inBoth.Length == 0 && DateTime.UtcNow < settle; inBoth = SharedInPlacesTwoToSeven(lists))
        {
            await Task.Delay(200);
            lists = await Task.WhenAll(cluster.Silos.Select(TrendingOnAsync));
        }

        Assert.True(inBoth.Length > 0, $"the silos' trending lists share no product in places 2-7: {string.Join(" | ", lists.Select(l => string.Join(", ", l.Items.Select(i => i.Id))))}");
        var target = inBoth[0];
        try
        {
            var saved = await PutRulesAsync(new[] { new { action = "pin", target = "product", value = target } });

            foreach (var silo in cluster.Silos)
            {
                await WaitForRulesVersionAsync(silo, saved);
                // Asked through this silo's own gateway: the stateless recommendation grain ranks on the silo it reaches.
                var list = await TrendingOnAsync(silo);
                Assert.True(target == list.Items[0].Id, $"{silo.Name} did not put the pinned {target} first: {string.Join(", ", list.Items.Select(i => i.Id))}");
            }

            // A silo that starts after the save (a fresh BusinessRules holding configuration's rules) applies it too.
            await cluster.Silos[1].StopAsync();
            await cluster.EnsureTwoSilosAsync();
            await WaitForRulesVersionAsync(cluster.Silos[1], saved);
            Assert.Equal(target, (await TrendingOnAsync(cluster.Silos[1])).Items[0].Id);
        }
        catch
        {
            await PutRulesAsync([]);
            throw;
        }

        // Removing every rule reaches both silos the same way, and leaves the cluster as the other tests expect it.
        var cleared = await PutRulesAsync([]);
        foreach (var silo in cluster.Silos)
        {
            await WaitForRulesVersionAsync(silo, cleared);
            Assert.DoesNotContain(BusinessRules.Pinned, (await TrendingOnAsync(silo)).Items[0].Sources);
        }
    }

    private static string[] SharedInPlacesTwoToSeven(RankedList[] lists) =>
        lists[0].Items.Skip(1).Take(6).Select(i => i.Id).Where(id => lists[1].Items.Skip(1).Take(6).Any(i => i.Id == id)).ToArray();

    /// <summary>Saves rules through the frontend's admin API; returns the version the rules grain gave them.</summary>
    private async Task<long> PutRulesAsync(object[] rules)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/admin/rules") { Content = JsonContent.Create(new { rules }) };
        request.Headers.Add("X-Api-Key", ClusterApi.AdminKey);
        using var response = await cluster.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // No version is -1, so the grain always answers with its current one.
        return (await cluster.Client.GetGrain<IRulesGrain>(0).GetChangedAsync(-1))!.Version;
    }

    private static async Task WaitForRulesVersionAsync(SiloProcess silo, long version)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{silo.HttpPort}") };
        var deadline = DateTime.UtcNow + Deadline;
        double? seen;
        do
        {
            seen = MetricsText.Sample(await http.GetStringAsync("/metrics"), "aisle_rules_version");
            if (seen == version)
            {
                return;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"{silo.Name} applies rules version {seen}, not {version}, {Deadline.TotalSeconds} s after the save; log {silo.Log}");
    }

    /// <summary>Trending as ranked on <paramref name="silo"/>: an Orleans client whose only gateway is that silo.</summary>
    private async Task<RankedList> TrendingOnAsync(SiloProcess silo)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Aisle"] = cluster.ConnectionString,
            ["Aisle:Cluster:ClusterId"] = cluster.ClusterId,
        });
        var settings = PostgresClusterSettings.Require(builder.Configuration);
        builder.UseOrleansClient(client => client
            .UseStaticClustering(new IPEndPoint(IPAddress.Loopback, silo.GatewayPort))
            .Configure<ClusterOptions>(options =>
            {
                options.ClusterId = settings.ClusterId;
                options.ServiceId = settings.ServiceId;
            }));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            return await host.Services.GetRequiredService<IClusterClient>().GetGrain<IRecommendationGrain>(0).TrendingAsync(null, 10);
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
