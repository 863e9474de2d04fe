using System.CommandLine;
using Aisle.Catalog;
using Aisle.Embeddings;
using Aisle.Hosting;
using Aisle.Ranking;
using Aisle.Retrieval.Astra;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Aisle.Cli;

/// <summary>
/// <c>aisle vectors-ingest</c>: writes the catalog to the AstraDB collection the silos search, once, before they take
/// traffic. The same settings as the app (<c>Aisle__AstraDb__Endpoint</c>, <c>Aisle__CatalogFile</c>,
/// <c>Aisle__EmbeddingCacheDirectory</c>… from the environment, the options below win); the token only from
/// <c>ASTRA_DB_APPLICATION_TOKEN</c>. Idempotent and resumable: run it again after a failure and it writes only what
/// the collection lacks or holds differently. Prices and stock are the catalog file's; a running cluster's live ones
/// are written by <c>POST /api/admin/vectors/ingest</c>.
/// </summary>
public static class VectorsIngestCommand
{
    public static Command Create()
    {
        var endpoint = new Option<string?>("--endpoint") { Description = "The database's Data API endpoint (else Aisle__AstraDb__Endpoint)" };
        var keyspace = new Option<string?>("--keyspace") { Description = "Keyspace (else Aisle__AstraDb__Keyspace, default default_keyspace)" };
        var collection = new Option<string?>("--collection") { Description = "Collection (else Aisle__AstraDb__Collection, default aisle_products)" };
        var command = new Command("vectors-ingest", "Write the catalog's product vectors to the AstraDB collection (idempotent, resumable).")
        {
            endpoint, keyspace, collection,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var overrides = new Dictionary<string, string?>();
            void Set(string key, string? value)
            {
                if (value is not null)
                {
                    overrides[$"{AstraDbOptions.Section}:{key}"] = value;
                }
            }

            Set(nameof(AstraDbOptions.Endpoint), parse.GetValue(endpoint));
            Set(nameof(AstraDbOptions.Keyspace), parse.GetValue(keyspace));
            Set(nameof(AstraDbOptions.Collection), parse.GetValue(collection));
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(overrides).Build();
            return await RunAsync(configuration, showProgress: true, cancellationToken);
        });
        return command;
    }

    /// <summary>The ingest under <paramref name="configuration"/> (the app's keys); the exit code: 0 done, 1 stopped by the
    /// store (run again to resume), 2 not configured.</summary>
    public static async Task<int> RunAsync(IConfiguration configuration, bool showProgress, CancellationToken cancellationToken)
    {
        var astra = configuration.GetSection(AstraDbOptions.Section).Get<AstraDbOptions>() ?? new AstraDbOptions();
        if (string.IsNullOrWhiteSpace(astra.Endpoint))
        {
            Console.Error.WriteLine("No endpoint: pass --endpoint or set Aisle__AstraDb__Endpoint.");
            return 2;
        }

        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(astra.TokenVariable)))
        {
            Console.Error.WriteLine($"No token: set {astra.TokenVariable} to the database's application token.");
            return 2;
        }

        var replica = await LoadCatalogAsync(configuration, cancellationToken);
        await using var services = new ServiceCollection().AddLogging().AddAstraDbVectorStore(configuration).BuildServiceProvider();
        var ingest = services.GetRequiredService<AstraIngest>();
        Console.WriteLine($"Ingesting {replica.Count:N0} products into {astra.CollectionUri} …");
        try
        {
            var result = showProgress && AnsiConsole.Profile.Capabilities.Interactive
                ? await AnsiConsole.Progress().StartAsync(async context =>
                {
                    var task = context.AddTask("Writing vectors", maxValue: replica.Count);
                    return await ingest.IngestAsync(replica, new Progress<AstraIngestProgress>(p => task.Value = p.Checked), cancellationToken);
                })
                : await ingest.IngestAsync(replica, TenthsToConsole(), cancellationToken);
            Console.WriteLine($"Done: {result.Written:N0} written, {result.Unchanged:N0} already current, of {result.Total:N0}.");
            return 0;
        }
        catch (Exception error) when (error is DataApiException or Recommendations.VectorStoreUnavailableException)
        {
            Console.Error.WriteLine($"Ingest stopped: {error.Message}");
            Console.Error.WriteLine("Run the command again to resume; what was written is kept.");
            return 1;
        }
    }

    // Not a terminal (CI, a job runner): a line per tenth instead of a bar.
    private static IProgress<AstraIngestProgress> TenthsToConsole()
    {
        var lastTenth = -1;
        var gate = new Lock();
        return new Progress<AstraIngestProgress>(p =>
        {
            var tenth = p.Total == 0 ? 10 : p.Checked * 10 / p.Total;
            lock (gate)
            {
                if (tenth > lastTenth)
                {
                    lastTenth = tenth;
                    Console.WriteLine($"  {p.Checked:N0}/{p.Total:N0} checked, {p.Written:N0} written");
                }
            }
        });
    }

    /// <summary>The catalog as a silo loads it (file, descriptions, the shared embedding cache), with its initial prices and stock.</summary>
    /// <remarks>Embedded by the model the silos are configured with (<c>Aisle:Embeddings</c>), so the store holds the
    /// vectors their queries are compared with.</remarks>
    private static async Task<CatalogReplica> LoadCatalogAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        var settings = configuration.GetSection(AisleOptions.Section).Get<AisleOptions>() ?? new AisleOptions();
        var load = settings.LoadCatalog();
        await using var embeddings = new ServiceCollection().AddAisleEmbeddings(configuration).BuildServiceProvider();
        var cache = new EmbeddingCache(
            embeddings.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(),
            Path.Combine(settings.EmbeddingCacheDirectory ?? settings.DataDirectory, embeddings.GetRequiredService<EmbeddingModel>().CacheFileName));
        var vectors = await cache.GetOrComputeAsync(load.Products.Select(ProductText.For).ToArray(), cancellationToken: cancellationToken);
        var replica = new CatalogReplica(new RankingOptions());
        replica.Load(load.Products, vectors);
        return replica;
    }
}
