using Aisle.Storage;
using Aisle.Tests.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Storage;

namespace Aisle.Tests.Storage;

/// <summary>
/// The contract suite against <see cref="PostgresGrainStorage"/> on a real PostgreSQL database made by the silo's
/// schema command. The storage is resolved from a (not started) silo host, as for SQLite.
/// </summary>
public sealed class PostgresGrainStorageTests(PostgresStorageDatabase database)
    : GrainStorageContractTests, IClassFixture<PostgresStorageDatabase>
{
    private const string StorageName = "contract";
    private readonly Dictionary<IGrainStorage, IHost> _hosts = [];

    protected override Task<IGrainStorage> OpenStorageAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo => silo.UseLocalhostClustering()
            .AddPostgresGrainStorage(StorageName, options => options.ConnectionString = database.ConnectionString));
        var host = builder.Build();
        var storage = host.Services.GetRequiredKeyedService<IGrainStorage>(StorageName);
        _hosts.Add(storage, host);
        return Task.FromResult(storage);
    }

    protected override async ValueTask CloseStorageAsync(IGrainStorage storage)
    {
        _hosts.Remove(storage, out var host);
        if (storage is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        host?.Dispose();
    }

    protected override IGrainStateReader ReaderOf(IGrainStorage storage) =>
        _hosts[storage].Services.GetRequiredKeyedService<IGrainStateReader>(StorageName);

    protected override IOutboxLog OutboxOf(IGrainStorage storage) =>
        _hosts[storage].Services.GetRequiredKeyedService<IOutboxLog>(StorageName);

    [Fact]
    public async Task ThousandsOfConcurrentWritesOfDifferentGrainsAllCommitWithTheirOwnEtags()
    {
        var storage = await OpenStorageAsync();
        var states = Enumerable.Range(0, 3000).Select(i => new GrainState<ContractState>(ContractState.For(i))).ToArray();

        await Task.WhenAll(states.Select((state, i) =>
            storage.WriteStateAsync(StateName, GrainId.Create("product", "bulk-" + i), state)));

        Assert.All(states, s => Assert.Equal("1", s.ETag));
        var stored = new List<StoredGrainState<ContractState>>();
        await foreach (var item in ReaderOf(storage).ReadAllAsync<ContractState>(StateName, "product"))
        {
            stored.Add(item);
        }

        Assert.Equal(3000, stored.Count);
        var one = stored.Single(s => s.Key == "bulk-1234").State;
        Assert.Equal((ContractState.For(1234).Name, ContractState.For(1234).Count), (one.Name, one.Count));
        await CloseStorageAsync(storage);
    }
}

/// <summary>A fresh database with the schema applied by the silo's own command, dropped after the class.</summary>
public sealed class PostgresStorageDatabase : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync("aisle_storage");
        var (exitCode, output) = await SiloProcess.ApplySchemaAsync(ConnectionString);
        if (exitCode != 0)
        {
            throw new InvalidOperationException("schema apply failed: " + output);
        }
    }

    public Task DisposeAsync() => TestPostgres.DropDatabaseAsync(ConnectionString);
}
