using Aisle.Catalog;
using Aisle.Hosting;
using Aisle.Products;
using Aisle.Ranking;
using Aisle.Shopping;
using Aisle.Storage;
using Aisle.Users;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Aisle.Tests.Shopping;

/// <summary>
/// One in-process silo with Aisle's grains over <see cref="ShoppingTestCatalog"/> and the production SQLite grain
/// storage in a temporary file, seen through <see cref="FaultyGrainStorage"/> so a test can make one write fail;
/// shared by the tests of one class.
/// </summary>
public sealed class ShoppingClusterFixture : IAsyncLifetime
{
    private const string InnerStorage = "aisle-sqlite";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "aisle-shopping-" + Guid.NewGuid().ToString("N"));
    private InProcessTestCluster? _cluster;

    public CatalogReplica Replica { get; } = new(new RankingOptions());

    public WriteFaults Faults { get; } = new();

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not started.");

    public ICartGrain Cart(string shopperId) => Cluster.Client.GetGrain<ICartGrain>(shopperId);

    public IProductGrain Product(string id) => Cluster.Client.GetGrain<IProductGrain>(id);

    public IUserGrain User(string id) => Cluster.Client.GetGrain<IUserGrain>(id);

    public async Task<int> StockAsync(string productId) => (await Product(productId).GetAsync())!.Stock;

    public async Task InitializeAsync()
    {
        var (products, vectors) = ShoppingTestCatalog.Build();
        Replica.Load(products, vectors);
        Replica.MarkReady();

        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddSqliteGrainStorage(InnerStorage, o => o.DataSource = Path.Combine(_directory, "grains.db"));
            silo.Services.AddGrainStorage(AisleStorage.Name, (provider, _) =>
                new FaultyGrainStorage(provider.GetRequiredKeyedService<IGrainStorage>(InnerStorage), Faults));
            silo.Services.AddSingleton(Replica);
            silo.Services.AddSingleton(TimeProvider.System);
            silo.Services.AddUserGrainServices();
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
