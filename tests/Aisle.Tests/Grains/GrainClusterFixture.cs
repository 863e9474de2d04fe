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
/// One in-process silo with Aisle's grains, a loaded <see cref="CatalogReplica"/> over <see cref="GrainTestCatalog"/>
/// and the production SQLite grain storage under <see cref="AisleStorage.Name"/> in a temporary file; shared by the
/// tests of one class.
/// </summary>
public sealed class GrainClusterFixture : IAsyncLifetime
{
    /// <summary>Upper bound for effects of one-way calls to show; a bound, not an expectation of speed.</summary>
    public static readonly TimeSpan OneWayDeadline = TimeSpan.FromSeconds(5);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "aisle-grains-" + Guid.NewGuid().ToString("N"));
    private InProcessTestCluster? _cluster;

    public CatalogReplica Replica { get; } = new(new RankingOptions());

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not started.");

    public IClusterClient Client => Cluster.Client;

    public IProductGrain Product(string id) => Client.GetGrain<IProductGrain>(id);

    public IUserGrain User(string id) => Client.GetGrain<IUserGrain>(id);

    /// <summary>The replica row of a catalog product.</summary>
    public int Row(string productId) =>
        Replica.TryGetRow(productId, out var row) ? row : throw new ArgumentException($"'{productId}' is not in the test catalog.");

    public async Task InitializeAsync() => _cluster = await StartAsync(_directory, Replica);

    /// <summary>A one-silo cluster over <paramref name="replica"/> (loaded with <see cref="GrainTestCatalog"/> here)
    /// whose grain storage is the SQLite file in <paramref name="directory"/>: starting twice on one directory is a
    /// restart. <paramref name="configure"/> adds or overrides services.</summary>
    public static async Task<InProcessTestCluster> StartAsync(
        string directory, CatalogReplica replica, Action<IServiceCollection>? configure = null)
    {
        if (!replica.Ready)
        {
            var (products, vectors) = GrainTestCatalog.Build();
            replica.Load(products, vectors);
            replica.MarkReady();
        }

        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddSqliteGrainStorage(AisleStorage.Name, o => o.DataSource = Path.Combine(directory, "grains.db"));
            silo.Services.AddSingleton(replica);
            silo.Services.AddSingleton(TimeProvider.System);
            silo.Services.AddUserGrainServices();
            configure?.Invoke(silo.Services);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
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

    /// <summary>Polls <paramref name="probe"/> until it returns true or <see cref="OneWayDeadline"/> passes.</summary>
    /// <returns>Whether the probe came true in time.</returns>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> probe)
    {
        var deadline = DateTime.UtcNow + OneWayDeadline;
        while (true)
        {
            if (await probe())
            {
                return true;
            }

            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }
    }
}
