using Aisle.Catalog;
using Aisle.Hosting;
using Aisle.Learning;
using Aisle.Products;
using Aisle.Ranking;
using Aisle.Recommendations;
using Aisle.Retrieval;
using Aisle.Storage;
using Aisle.Users;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Aisle.Cli.Evaluation;

/// <summary>
/// The real engine, in process: an Orleans silo with Aisle's user, product and recommendation grains, the
/// production SQLite grain storage (in a temporary folder), a <see cref="CatalogReplica"/> and vector index loaded
/// with the data set's items, and the same <see cref="Recommender"/> the API uses. Nothing is trained offline:
/// events go through <see cref="IUserGrain.RecordAsync"/> and the product grains learn from them as they arrive.
/// </summary>
public sealed class EvaluationEngine : IAsyncDisposable
{
    /// <summary>Eval items never run out: the data set records what was bought, not what was in stock.</summary>
    public const int Stock = 1_000_000_000;

    private readonly InProcessTestCluster _cluster;
    private readonly string _directory;

    private EvaluationEngine(InProcessTestCluster cluster, string directory, CatalogReplica replica, Recommender recommender, ModelSlot model)
    {
        Model = model;
        _cluster = cluster;
        _directory = directory;
        Replica = replica;
        Recommender = recommender;
    }

    public CatalogReplica Replica { get; }

    public Recommender Recommender { get; }

    /// <summary>The learned model the silo's recommendations read (none until the evaluation installs one).</summary>
    public ModelSlot Model { get; }

    /// <summary>The live options the silo's grains and recommendation grain use.</summary>
    public RankingOptions Options => Replica.Options;

    public IClusterClient Client => _cluster.Client;

    /// <summary>Loads <paramref name="items"/> as products (content vectors from their attributes) and starts the silo.</summary>
    public static async Task<EvaluationEngine> StartAsync(IReadOnlyList<string> items, float[][] vectors, RankingOptions options)
    {
        var products = items.Select(id => new Product(id, id, "item " + id, Brand: null, CategoryPath: [], RetailPrice: null,
            DiscountedPrice: null, Rating: null, Description: null, InitialStock: Stock)).ToArray();
        var replica = new CatalogReplica(options);
        replica.Load(products, vectors);
        var index = new EmbeddedVectorIndex(vectors[0].Length, products.Length);
        foreach (var chunk in products.Select((p, i) => new VectorDocument(p.Id, vectors[i], new VectorMetadata(p.Category, null, null, true)))
                     .Chunk(IVectorIndex.MaxUpsertBatch))
        {
            await index.UpsertAsync(chunk);
        }

        replica.MarkReady();
        var model = new ModelSlot();
        var recommender = new Recommender(replica, new CatalogIndexes(), index, new QueryEmbedder(new NoTextEmbeddings()), TimeProvider.System, model: model);

        var directory = Path.Combine(Path.GetTempPath(), "aisle-eval-" + Guid.NewGuid().ToString("N"));
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddSqliteGrainStorage(AisleStorage.Name, o => o.DataSource = Path.Combine(directory, "grains.db"));
            silo.Services.AddSingleton(replica);
            silo.Services.AddSingleton(recommender);
            silo.Services.AddSingleton(TimeProvider.System);
            silo.Services.AddUserGrainServices();
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new EvaluationEngine(cluster, directory, replica, recommender, model);
    }

    /// <summary>
    /// Product grains learn from a silo's periodic delivery, so a user's RecordAsync returns before its links land. Delivers
    /// the silo's summed activity now, then waits until the replica has taken no new snapshot for a few polls in a
    /// row: the cluster is quiet.
    /// </summary>
    public async Task WaitUntilQuietAsync(CancellationToken cancellationToken = default)
    {
        await _cluster.Silos[0].SiloHost.Services.GetRequiredService<ProductActivityBuffer>().FlushAsync(cancellationToken);
        var last = -1L;
        var still = 0;
        while (still < 3)
        {
            await Task.Delay(100, cancellationToken);
            var now = Replica.Changes;
            still = now == last ? still + 1 : 0;
            last = now;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>The evaluation catalog has no text to search; the query embedder is never asked.</summary>
    private sealed class NoTextEmbeddings : IEmbeddingGenerator<string, Embedding<float>>
    {
        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The evaluation catalog has no product text to search.");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
