using System.Diagnostics;
using Aisle.Catalog;
using Aisle.Embeddings;
using Aisle.Observability;
using Aisle.Products;
using Aisle.Query;
using Aisle.Retrieval;
using Aisle.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Aisle.Hosting;

/// <summary>
/// Loads this silo's catalog replica and indexes in the background after start: read the CSV, embed products
/// (cached on disk, so only the first start pays), apply persisted product changes, build the vector and lexical
/// indexes. The silo answers health checks meanwhile and reports ready when this finishes.
/// </summary>
public sealed partial class CatalogBootstrapper(
    IOptions<AisleOptions> options,
    CatalogReplica replica,
    CatalogIndexes indexes,
    IVectorIndex vectors,
    IVectorStoreFeed feed,
    IEmbeddingGenerator<string, Embedding<float>> generator,
    EmbeddingModel model,
    IQueryUnderstandingFactory understanding,
    [FromKeyedServices(AisleStorage.Name)] IGrainStateReader stateReader,
    TimeProvider clock,
    ILogger<CatalogBootstrapper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await LoadAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            replica.ReportStage("failed: " + ex.Message);
            LogLoadFailed(logger, ex);
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var stages = new StageTimes();
        var settings = options.Value;

        // The embedding model takes a second or more to load: on a thread of its own, beside reading the catalog.
        var modelLoaded = Task.Factory.StartNew(
            () => generator.GenerateAsync(["warm up"], cancellationToken: cancellationToken).GetAwaiter().GetResult(),
            cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        stages.Next("reading catalog");
        replica.ReportStage("reading catalog");
        var load = (await Task.Run(settings.LoadCatalog, cancellationToken)).EnsureUsable(settings.ResolveCatalogFile());
        Console.WriteLine(
            $"Aisle catalog: {load.Products.Count:N0} products loaded, {load.Rejected.Count} rows rejected, " +
            $"{load.Repaired} texts repaired, {load.WithoutPrice} without price, {load.WithoutBrand:N0} without brand.");
        foreach (var rejected in load.Rejected.Take(10))
        {
            Console.WriteLine($"  rejected {rejected}");
        }

        stages.Next("embedding products");
        replica.ReportStage("embedding products");
        var cache = new EmbeddingCache(generator, Path.Combine(settings.EmbeddingCacheDirectory ?? settings.DataDirectory, model.CacheFileName));
        var texts = load.Products.Select(ProductText.For).ToArray();
        var embedding = Stopwatch.StartNew();
        var embeddings = await WithProgressAsync("Embedding products", texts.Length, settings.ShowProgress,
            progress => cache.GetOrComputeAsync(texts, progress, cancellationToken));
        if (cache.StaleReason is not null)
        {
            Console.WriteLine($"Aisle catalog: embedding cache incomplete ({cache.StaleReason}); embedding what it lacked took {embedding.Elapsed.TotalSeconds:F1} s.");
        }
        replica.Load(load.Products, embeddings);

        stages.Next("applying persisted product state");
        replica.ReportStage("applying persisted product state");
        var now = clock.GetUtcNow();
        var applied = 0;
        await foreach (var stored in stateReader.ReadAllAsync<ProductState>("product", "product", cancellationToken))
        {
            replica.Apply(ProductGrain.ToSnapshot(stored.Key, stored.State, now, replica.Options));
            applied++;
        }

        stages.Next("indexing vectors");
        replica.ReportStage("indexing vectors");
        await feed.LoadAsync(replica, cancellationToken);
        // Price and stock are filtered inside the vector scan, so the store follows the replica's changes.
        replica.FilterFieldsChanged += row => feed.Changed(replica, row);
        // Stock crossing zero is a filter change too; a 20,000-row count is cheap next to how rarely that happens.
        replica.FilterFieldsChanged += _ => AisleMetrics.OutOfStock.Set(replica.OutOfStockCount());

        stages.Next("indexing text");
        replica.ReportStage("indexing text");
        var rules = new QueryUnderstanding(CatalogDictionary.Build(load.Products));
        indexes.Install(new LexicalIndex(load.Products), rules, understanding.Over(rules));

        stages.Next("loading the model");
        await modelLoaded; // search embeds queries: not ready without the model
        stages.Next(null);
        NativeHeap.Trim(); // what the model's loading and the catalog's embedding freed, before traffic arrives
        replica.MarkReady();
        AisleMetrics.CatalogProducts.Set(replica.Count);
        AisleMetrics.VectorIndexSize.Set(vectors.Count);
        AisleMetrics.CatalogReady.Set(1);
        AisleMetrics.OutOfStock.Set(replica.OutOfStockCount());
        Console.WriteLine($"Aisle catalog ready: {replica.Count:N0} products, {applied:N0} with persisted changes, in {started.Elapsed.TotalSeconds:F1} s ({stages}).");
    }

    private static async Task<T> WithProgressAsync<T>(string title, int total, bool show, Func<IProgress<int>, Task<T>> work)
    {
        if (show && AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await AnsiConsole.Progress().StartAsync(async context =>
            {
                var task = context.AddTask(title, maxValue: total);
                return await work(new Progress<int>(done => task.Value = done));
            });
        }

        // Not a terminal (CI, a service manager): a line per tenth instead of a bar.
        var lastTenth = -1;
        return await work(new Progress<int>(done =>
        {
            var tenth = total == 0 ? 10 : done * 10 / total;
            if (tenth > lastTenth)
            {
                lastTenth = tenth;
                Console.WriteLine($"{title}: {done:N0}/{total:N0}");
            }
        }));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Loading the catalog failed; this silo will not report ready.")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception);
}
