using System.Diagnostics;
using System.Text.Json.Nodes;
using Aisle.Catalog;
using Aisle.Products;
using Aisle.Ranking;
using Aisle.Recommendations;
using Aisle.Retrieval;
using Aisle.Retrieval.Astra;
using Aisle.Tests.Retrieval.AstraStandIn;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aisle.Tests.Retrieval;

/// <summary>
/// Writing the catalog to AstraDB once: the ingest is idempotent (a second run writes nothing), resumable (after an
/// interruption or a failure it writes only what is missing) and reports progress; afterwards price and stock changes
/// reach the store through the background queue, without holding up the change.
/// </summary>
public sealed class AstraIngestTests : IAsyncLifetime
{
    private const int Dimensions = 16;
    private const int Products = 250;
    private DataApiStandIn _standIn = null!;

    public async Task InitializeAsync() => _standIn = await DataApiStandIn.StartAsync();

    public async Task DisposeAsync() => await _standIn.DisposeAsync();

    [Fact]
    public async Task IngestWritesEveryProductOnceAndARerunWritesNothing()
    {
        var replica = Catalog();
        await using var client = await AstraTestClient.CreateAsync(_standIn, Dimensions, createCollection: false);
        var reports = new List<AstraIngestProgress>();

        var first = await client.Ingest.IngestAsync(replica, new SynchronousProgress(reports.Add), default);
        var inserts = _standIn.CountOf("insertMany");
        var second = await client.Ingest.IngestAsync(replica, null, default);

        Assert.Equal(new AstraIngestProgress(Products, Products, Products, 0), first);
        Assert.Equal(new AstraIngestProgress(Products, Products, 0, Products), second);
        Assert.Equal(inserts, _standIn.CountOf("insertMany"));
        Assert.Equal(0, _standIn.CountOf("findOneAndReplace"));
        Assert.Equal(Products, Stored(client).Count);
        Assert.Equal(Products, client.Index.Count);
        // Progress went up to the total; the existence checks read pages of 20 (100 ids per batch: 5 pages).
        Assert.Equal(Products, reports.Max(r => r.Checked));
        Assert.True(_standIn.CountOf("find") >= 2 * 3 + 5, $"{_standIn.CountOf("find")} finds");
    }

    [Fact]
    public async Task AnInterruptedIngestResumesWithWhatIsMissing()
    {
        var replica = Catalog();
        await using var client = await AstraTestClient.CreateAsync(_standIn, Dimensions, new Dictionary<string, string?> { ["Aisle:AstraDb:IngestConcurrency"] = "1" }, createCollection: false);
        using var stop = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.Ingest.IngestAsync(replica, new SynchronousProgress(p => { if (p.Checked >= 100) stop.Cancel(); }), stop.Token));
        var stored = Stored(client).Count;
        var resumed = await client.Ingest.IngestAsync(replica, null, default);

        Assert.InRange(stored, 100, Products - 1);
        Assert.Equal(Products - stored, resumed.Written);
        Assert.Equal(stored, resumed.Unchanged);
        Assert.Equal(Products, Stored(client).Count);
    }

    [Fact]
    public async Task AFailedIngestSaysWhyAndARerunCompletesIt()
    {
        var replica = Catalog();
        await using var client = await AstraTestClient.CreateAsync(_standIn, Dimensions, new Dictionary<string, string?>
        {
            ["Aisle:AstraDb:IngestConcurrency"] = "1",
            ["Aisle:AstraDb:MaxRetries"] = "0",
        }, createCollection: false);
        await client.Index.Client.CreateCollectionAsync(default);
        await client.Index.UpsertAsync(Enumerable.Range(0, 60).Select(row => CatalogDocuments.Of(replica, row)).ToList());
        _standIn.Inject(new StandInFault("insertMany", Status: 503));

        await Assert.ThrowsAsync<VectorStoreUnavailableException>(() => client.Ingest.IngestAsync(replica, null, default));
        var resumed = await client.Ingest.IngestAsync(replica, null, default);

        Assert.Equal(Products, Stored(client).Count);
        Assert.Equal(60, resumed.Unchanged);
    }

    [Fact]
    public async Task ARowWhosePriceChangedSinceTheIngestIsRewritten()
    {
        var replica = Catalog();
        await using var client = await AstraTestClient.CreateAsync(_standIn, Dimensions, createCollection: false);
        await client.Ingest.IngestAsync(replica, null, default);
        replica.Apply(new ProductSnapshot(replica.Product(7).Id, 12345m, 3, 0, 0, 0, 0, [], DateTimeOffset.UtcNow, Version: 1));

        var rerun = await client.Ingest.IngestAsync(replica, null, default);

        Assert.Equal(1, rerun.Written);
        Assert.Equal(12345, Stored(client).Single(d => d["_id"]!.ToString() == replica.Product(7).Id)["price"]!.GetValue<double>());
    }

    [Fact]
    public async Task PriceAndStockChangesReachTheStoreThroughTheQueueWithoutWaitingForIt()
    {
        var replica = Catalog();
        await using var client = await AstraTestClient.CreateAsync(_standIn, Dimensions, createCollection: false);
        await client.Ingest.IngestAsync(replica, null, default);
        using var queue = new VectorUpdateQueue(replica, client.Index, NullLogger<VectorUpdateQueue>.Instance);
        var feed = new AstraVectorFeed(client.Index, queue, NullLogger<AstraVectorFeed>.Instance);
        replica.FilterFieldsChanged += row => feed.Changed(replica, row);
        await queue.StartAsync(default);
        var product = replica.Product(3);
        Assert.Contains(await client.Index.SearchAsync(replica.Vector(3), 3, new VectorFilter(InStockOnly: true)), h => h.Id == product.Id);

        // The store is slow now: the change returns before the store has it (had it waited, the write would be done).
        _standIn.Inject(new StandInFault("updateOne", Delay: TimeSpan.FromSeconds(3)));
        replica.Apply(new ProductSnapshot(product.Id, 10m, 0, 0, 0, 0, 0, [], DateTimeOffset.UtcNow, Version: 1));
        Assert.Equal(0, queue.Written);

        await WaitUntilAsync(() => queue.Written >= 1);
        var stored = Stored(client).Single(d => d["_id"]!.ToString() == product.Id);
        Assert.False(stored["inStock"]!.GetValue<bool>());
        Assert.Equal(10, stored["price"]!.GetValue<double>());
        Assert.DoesNotContain(await client.Index.SearchAsync(replica.Vector(3), 3, new VectorFilter(InStockOnly: true)), h => h.Id == product.Id);
        await queue.StopAsync(default);
    }

    private List<JsonObject> Stored(AstraTestClient client) =>
        _standIn.Collection("default_keyspace", client.Index.Client.Options.Collection)!.Find(new JsonObject());

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(20), "the condition did not come true in 20 s");
            await Task.Delay(20);
        }
    }

    private static CatalogReplica Catalog()
    {
        var data = VectorTestData.Create(Products, Dimensions, clusters: 6, seed: 3);
        var products = data.Documents.Select((d, i) => new Product(d.Id, $"s{i}", $"Item {i} for men", d.Metadata.Brand,
            d.Metadata.Category.Split('>', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            (decimal)(d.Metadata.Price ?? 100), (decimal)(d.Metadata.Price ?? 100), 4, null, d.Metadata.InStock ? 5 : 0)).ToArray();
        var replica = new CatalogReplica(new RankingOptions());
        replica.Load(products, [.. data.Documents.Select(d => d.Vector.ToArray())]);
        replica.MarkReady();
        return replica;
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; posts to the pool, too late for the assertions).</summary>
    private sealed class SynchronousProgress(Action<AstraIngestProgress> report) : IProgress<AstraIngestProgress>
    {
        public void Report(AstraIngestProgress value) => report(value);
    }
}
