using Aisle.Storage;
using Orleans.Storage;

namespace Aisle.Tests.Storage;

/// <summary>
/// The behaviour every Aisle grain storage must have (SQLite now, PostgreSQL later). A subclass says how to open
/// the storage under test; each test gets a fresh state name, so backends that share one database stay isolated.
/// </summary>
public abstract partial class GrainStorageContractTests : IAsyncLifetime
{
    private readonly List<IGrainStorage> _open = [];

    /// <summary>State name unique to this test run.</summary>
    protected string StateName { get; } = "contract-" + Guid.NewGuid().ToString("N");

    /// <summary>
    /// Opens the storage under test. Opening again after <see cref="CloseStorageAsync"/> must reach the same data,
    /// as a restarted silo would.
    /// </summary>
    protected abstract Task<IGrainStorage> OpenStorageAsync();

    /// <summary>Closes a storage opened by <see cref="OpenStorageAsync"/>, flushing what it accepted.</summary>
    protected abstract ValueTask CloseStorageAsync(IGrainStorage storage);

    /// <summary>The warm-up reader of an open storage.</summary>
    protected virtual IGrainStateReader ReaderOf(IGrainStorage storage) => (IGrainStateReader)storage;

    public Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var storage in _open)
        {
            await CloseStorageAsync(storage);
        }
    }

    [Fact]
    public async Task MissingStateReadsAsDefaultWithoutRecord()
    {
        var storage = await OpenAsync();
        var state = new GrainState<ContractState>(ContractState.For(3));

        await storage.ReadStateAsync(StateName, ProductId("never-written"), state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        AssertSame(new ContractState(), state.State);
    }

    [Fact]
    public async Task WrittenStateRoundTripsWithItsEtag()
    {
        var storage = await OpenAsync();
        var written = new GrainState<ContractState>(ContractState.For(4));

        await storage.WriteStateAsync(StateName, ProductId("p4"), written);
        var read = new GrainState<ContractState>();
        await storage.ReadStateAsync(StateName, ProductId("p4"), read);

        Assert.True(written.RecordExists);
        Assert.NotNull(written.ETag);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        AssertSame(ContractState.For(4), read.State);
    }

    [Fact]
    public async Task EveryWriteGivesANewEtag()
    {
        var storage = await OpenAsync();
        var state = new GrainState<ContractState>(ContractState.For(1));
        var etags = new HashSet<string>();

        for (var i = 0; i < 5; i++)
        {
            state.State = ContractState.For(i);
            await storage.WriteStateAsync(StateName, ProductId("p"), state);
            Assert.True(etags.Add(state.ETag!));
        }
    }

    [Fact]
    public async Task WriteWithStaleEtagThrowsInconsistentState()
    {
        var storage = await OpenAsync();
        var id = ProductId("contended");
        var first = new GrainState<ContractState>(ContractState.For(1));
        await storage.WriteStateAsync(StateName, id, first);
        var staleEtag = first.ETag;
        first.State = ContractState.For(2);
        await storage.WriteStateAsync(StateName, id, first);

        var stale = new GrainState<ContractState>(ContractState.For(9), staleEtag!);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, id, stale));

        var unaware = new GrainState<ContractState>(ContractState.For(9));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, id, unaware));

        var read = new GrainState<ContractState>();
        await storage.ReadStateAsync(StateName, id, read);
        AssertSame(ContractState.For(2), read.State);
    }

    [Fact]
    public async Task ClearedStateReadsAsMissing()
    {
        var storage = await OpenAsync();
        var id = ProductId("cleared");
        var state = new GrainState<ContractState>(ContractState.For(5));
        await storage.WriteStateAsync(StateName, id, state);

        await storage.ClearStateAsync(StateName, id, state);
        var read = new GrainState<ContractState>(ContractState.For(6));
        await storage.ReadStateAsync(StateName, id, read);

        Assert.False(state.RecordExists);
        AssertSame(new ContractState(), state.State);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        AssertSame(new ContractState(), read.State);
    }

    [Fact]
    public async Task ClearedStateCanBeWrittenAgainButNotWithAnEtagFromBeforeTheClear()
    {
        var storage = await OpenAsync();
        var id = ProductId("reborn");
        var state = new GrainState<ContractState>(ContractState.For(1));
        await storage.WriteStateAsync(StateName, id, state);
        var etagBeforeClear = state.ETag!;
        await storage.ClearStateAsync(StateName, id, state);

        state.State = ContractState.For(2);
        await storage.WriteStateAsync(StateName, id, state);

        var stale = new GrainState<ContractState>(ContractState.For(3), etagBeforeClear);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, id, stale));
        var read = new GrainState<ContractState>();
        await storage.ReadStateAsync(StateName, id, read);
        Assert.True(read.RecordExists);
        AssertSame(ContractState.For(2), read.State);
    }

    [Fact]
    public async Task ClearWithStaleEtagThrowsInconsistentState()
    {
        var storage = await OpenAsync();
        var id = ProductId("clear-race");
        var state = new GrainState<ContractState>(ContractState.For(1));
        await storage.WriteStateAsync(StateName, id, state);
        var stale = new GrainState<ContractState>(state.State, state.ETag!);
        await storage.WriteStateAsync(StateName, id, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, id, stale));

        var read = new GrainState<ContractState>();
        await storage.ReadStateAsync(StateName, id, read);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task StateSurvivesReopeningTheStorage()
    {
        var storage = await OpenAsync();
        var written = new GrainState<ContractState>(ContractState.For(8));
        await storage.WriteStateAsync(StateName, ProductId("durable"), written);
        await CloseAsync(storage);

        var reopened = await OpenAsync();
        var read = new GrainState<ContractState>();
        await reopened.ReadStateAsync(StateName, ProductId("durable"), read);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        AssertSame(ContractState.For(8), read.State);
    }

    [Fact]
    public async Task ConcurrentWritesToManyGrainsAllPersist()
    {
        const int grains = 500;
        var storage = await OpenAsync();

        // Each grain writes twice, the second time with the etag of the first, as an active grain does.
        var writes = new Task<string?>[grains];
        for (var i = 0; i < grains; i++)
        {
            var seed = i;
            writes[i] = Task.Run(async () =>
            {
                var state = new GrainState<ContractState>(ContractState.For(seed + 1000));
                await storage.WriteStateAsync(StateName, ProductId($"many-{seed}"), state);
                state.State = ContractState.For(seed);
                await storage.WriteStateAsync(StateName, ProductId($"many-{seed}"), state);
                return state.ETag;
            });
        }

        var etags = await Task.WhenAll(writes);
        await CloseAsync(storage);
        var reopened = await OpenAsync();

        for (var i = 0; i < grains; i++)
        {
            var read = new GrainState<ContractState>();
            await reopened.ReadStateAsync(StateName, ProductId($"many-{i}"), read);
            Assert.True(read.RecordExists, $"grain many-{i} lost its state");
            Assert.Equal(etags[i], read.ETag);
            AssertSame(ContractState.For(i), read.State);
        }
    }

    [Fact]
    public async Task ReadAllReturnsExactlyTheLiveStatesByPrimaryKey()
    {
        var storage = await OpenAsync();
        var expected = new Dictionary<string, ContractState>();
        for (var i = 0; i < 6; i++)
        {
            expected[$"sku-{i}"] = ContractState.For(i);
            await storage.WriteStateAsync(StateName, ProductId($"sku-{i}"), new GrainState<ContractState>(ContractState.For(i)));
        }

        var cleared = new GrainState<ContractState>(ContractState.For(50));
        await storage.WriteStateAsync(StateName, ProductId("sku-cleared"), cleared);
        await storage.ClearStateAsync(StateName, ProductId("sku-cleared"), cleared);
        await storage.WriteStateAsync(StateName, GrainId.Create("user", "u-1"), new GrainState<ContractState>(ContractState.For(60)));
        await storage.WriteStateAsync(StateName + "-other", ProductId("sku-0"), new GrainState<ContractState>(ContractState.For(70)));

        var products = await ReadAllAsync(ReaderOf(storage), StateName, "product");
        var everything = await ReadAllAsync(ReaderOf(storage), StateName, grainType: null);

        Assert.Equal(expected.Keys.Order(), products.Keys.Order());
        foreach (var (key, state) in expected)
        {
            AssertSame(state, products[key]);
        }

        Assert.Equal(expected.Keys.Append("u-1").Order(), everything.Keys.Order());
        AssertSame(ContractState.For(60), everything["u-1"]);
    }

    /// <summary>Grain id of a product grain with primary key <paramref name="key"/>.</summary>
    protected static GrainId ProductId(string key) => GrainId.Create("product", key);

    protected static void AssertSame(ContractState expected, ContractState? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Tags, actual.Tags);
        Assert.Equal(expected.Affinities.OrderBy(p => p.Key), actual.Affinities.OrderBy(p => p.Key));
        Assert.Equal(expected.Embedding, actual.Embedding);
        Assert.Equal(expected.Price, actual.Price);
    }

    private async Task<IGrainStorage> OpenAsync()
    {
        var storage = await OpenStorageAsync();
        _open.Add(storage);
        return storage;
    }

    private async Task CloseAsync(IGrainStorage storage)
    {
        _open.Remove(storage);
        await CloseStorageAsync(storage);
    }

    private static async Task<Dictionary<string, ContractState>> ReadAllAsync(
        IGrainStateReader reader, string stateName, string? grainType)
    {
        var states = new Dictionary<string, ContractState>();
        await foreach (var (key, state, etag) in reader.ReadAllAsync<ContractState>(stateName, grainType))
        {
            Assert.False(string.IsNullOrEmpty(etag));
            Assert.True(states.TryAdd(key, state), $"key {key} returned twice");
        }

        return states;
    }
}
