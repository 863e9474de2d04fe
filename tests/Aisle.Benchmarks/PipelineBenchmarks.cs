using Aisle.Catalog;
using Aisle.Embeddings;
using Aisle.Query;
using Aisle.Ranking;
using Aisle.Recommendations;
using Aisle.Retrieval;
using Aisle.Users;
using BenchmarkDotNet.Attributes;

namespace Aisle.Benchmarks;

/// <summary>
/// The ranking pipelines on the real 20k catalog and real embeddings, without HTTP or Orleans: what one search or
/// recommendation costs on a silo. Query embeddings are warmed first (the per-query cache), as in steady traffic.
/// Embeddings come from the cache in AISLE_EMBEDDING_CACHE (default: the API tests' cache) or are computed once.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private Recommender _recommender = null!;
    private UserProfile _profile = null!;
    private string _anchor = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var root = FindRepositoryRoot();
        var load = CatalogLoader.Load(Path.Combine(root, "data/flipkart/catalog_20k.csv"), Path.Combine(root, "data/flipkart/catalog_1k_fullcols.csv"));
        var generator = new MiniLmEmbeddingGenerator();
        var cacheDirectory = Environment.GetEnvironmentVariable("AISLE_EMBEDDING_CACHE") ?? Path.Combine(Path.GetTempPath(), "aisle-test-embeddings");
        var cache = new EmbeddingCache(generator, Path.Combine(cacheDirectory, EmbeddingCache.FileName(MiniLmEmbeddingGenerator.ModelId)));
        var vectors = await cache.GetOrComputeAsync(load.Products.Select(ProductText.For).ToArray());

        var replica = new CatalogReplica(new RankingOptions());
        replica.Load(load.Products, vectors);
        var index = new EmbeddedVectorIndex(MiniLmEmbeddingGenerator.Dimensions);
        foreach (var batch in Enumerable.Range(0, replica.Count).Chunk(IVectorIndex.MaxUpsertBatch))
        {
            index.Upsert(batch.Select(row => new VectorDocument(
                replica.Product(row).Id, replica.Vector(row),
                new VectorMetadata(replica.Product(row).Category, replica.Product(row).Brand, replica.Price(row), replica.Stock(row) > 0))).ToArray());
        }

        var indexes = new CatalogIndexes();
        indexes.Install(new LexicalIndex(load.Products), new QueryUnderstanding(CatalogDictionary.Build(load.Products)));
        replica.MarkReady();
        _recommender = new Recommender(replica, indexes, index, new QueryEmbedder(generator), TimeProvider.System);

        // A shopper who looked at three watches and bought one.
        var watches = (await _recommender.SearchAsync(Search("analog watch for women"), null)).Items.Take(3).ToArray();
        var state = new UserState();
        var now = DateTimeOffset.UtcNow;
        foreach (var (watch, kind) in watches.Zip([InteractionKind.View, InteractionKind.View, InteractionKind.Purchase]))
        {
            replica.TryGetRow(watch.Id, out var row);
            state = ProfileUpdater.ApplyInteraction(state, kind, replica.Product(row), replica.Price(row), replica.Vector(row), now, replica.Options);
        }

        _profile = ProfileUpdater.Evaluate("bench", state, now, replica.Options);
        _anchor = watches[0].Id;
        await SearchShoes();
        await SearchFiltered();
    }

    [Benchmark]
    public Task<RankedList> SearchShoes() => _recommender.SearchAsync(Search("running shoes for men under 1000"), null);

    [Benchmark]
    public Task<RankedList> SearchFiltered() =>
        _recommender.SearchAsync(Search("analog watch") with { Category = "Watches", MaxPrice = 2000, InStockOnly = true }, _profile);

    [Benchmark]
    public Task<RankedList> RecommendPersonal() => _recommender.RecommendAsync(_profile, 10);

    [Benchmark]
    public Task<RankedList?> Similar() => _recommender.SimilarAsync(_anchor, null, 10);

    [Benchmark]
    public RankedList TrendingInCategory() => _recommender.Trending("Footwear", 10);

    private static SearchRequest Search(string query) => new(query, null, null, null, null, false, null, 10);

    internal static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Aisle.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Run the benchmarks from inside the Aisle repository.");
    }
}
