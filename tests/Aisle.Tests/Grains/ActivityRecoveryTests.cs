using Aisle.Catalog;
using Aisle.Hosting;
using Aisle.Products;
using Aisle.Ranking;
using Aisle.Storage;
using Aisle.Users;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Aisle.Tests.Grains;

/// <summary>
/// The embedded mode's crash: a silo that never delivered what its shoppers taught products (it died first) leaves
/// the outbox behind in SQLite, and the next start on the same file replays it into the products, once.
/// </summary>
public sealed class ActivityRecoveryTests : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "aisle-recovery-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task TheNextStartReplaysWhatADeadSiloLeftInTheOutboxOnce()
    {
        // First life: deliveries are an hour apart and shutdown gets no time to deliver, as if the process died.
        await using (var first = await StartAsync(new RankingOptions { ActivityFlushInterval = TimeSpan.FromHours(1) }, shutdownBudget: TimeSpan.Zero))
        {
            var user = first.Client.GetGrain<IUserGrain>("recovery-shopper");
            var now = DateTimeOffset.UtcNow;
            var outcomes = await user.RecordAsync(
            [
                new ShopperEvent(InteractionKind.View, "pair-a", null, 1, now, null, "r-1"),
                new ShopperEvent(InteractionKind.View, "pair-b", null, 1, now.AddSeconds(1), null, "r-2"),
                new ShopperEvent(InteractionKind.View, "pair-a", null, 1, now.AddSeconds(2), null, "r-3"),
            ]);
            Assert.All(outcomes, o => Assert.True(o.Accepted));
            Assert.Equal(0, (await first.Client.GetGrain<IProductGrain>("pair-a").GetAsync())!.Views);
        }

        await using var second = await StartAsync(new RankingOptions(), shutdownBudget: TimeSpan.FromSeconds(5));
        var recovered = await GrainClusterFixture.EventuallyAsync(async () =>
            (await second.Client.GetGrain<IProductGrain>("pair-a").GetAsync())!.Views > 1.99);
        var pairA = (await second.Client.GetGrain<IProductGrain>("pair-a").GetAsync())!;
        var pairB = (await second.Client.GetGrain<IProductGrain>("pair-b").GetAsync())!;
        var outbox = second.Silos[0].ServiceProvider.GetRequiredKeyedService<IOutboxLog>(AisleStorage.Name);

        Assert.True(recovered, $"pair-a shows {pairA.Views:F2} views after recovery; 2 were acknowledged.");
        Assert.Equal(2, pairA.Views, 2);
        Assert.Equal(1, pairB.Views, 2);
        Assert.Contains("pair-b", pairA.Neighbours);
        Assert.True(await GrainClusterFixture.EventuallyAsync(async () => (await outbox.SourcesAsync()).Count == 0));
    }

    private Task<InProcessTestCluster> StartAsync(RankingOptions options, TimeSpan shutdownBudget) =>
        GrainClusterFixture.StartAsync(_directory, new CatalogReplica(options), services =>
            services.Configure<ActivityOutboxOptions>(o =>
            {
                o.RecoveryInterval = TimeSpan.FromMilliseconds(200);
                o.ShutdownBudget = shutdownBudget;
            }));

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
