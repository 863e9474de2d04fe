using System.Diagnostics;
using Aisle.Catalog;
using Aisle.Embeddings;
using Aisle.Query;
using Aisle.Ranking;
using Aisle.Retrieval;
using Aisle.Tests.Api;
using Aisle.Tests.Catalog;
using Aisle.Tests.Retrieval.AstraStandIn;
using Xunit.Abstractions;

namespace Aisle.Tests.Retrieval;

/// <summary>
/// The real Flipkart catalog (20k products, real MiniLM embeddings from the shared test cache) written through the
/// AstraDB client to the stand-in, and a few hundred real queries — the 130 judged shopper queries of
/// <c>data/search-judgements.csv</c> plus short queries from product names — understood by the rules parser into the
/// same filters a search uses, asked of the embedded index and of AstraDB: their top 10 must agree.
/// </summary>
public sealed class AstraRecallParityTests(AstraRecallParityTests.RealCatalogInBothStores stores, ITestOutputHelper output)
    : IClassFixture<AstraRecallParityTests.RealCatalogInBothStores>
{
    private const int K = 10;

    [Fact]
    public async Task TopTenFromAstraMatchTheEmbeddedIndexForRealQueries()
    {
        var overlap = 0;
        var strict = 0;
        var asked = 0;
        var astraTime = TimeSpan.Zero;
        var embeddedTime = TimeSpan.Zero;
        foreach (var (text, vector, filter) in stores.Queries)
        {
            var clock = Stopwatch.StartNew();
            var embedded = await stores.Embedded.SearchAsync(vector, K, filter);
            embeddedTime += clock.Elapsed;
            clock.Restart();
            var astra = await stores.Astra.Index.SearchAsync(vector, K, filter);
            astraTime += clock.Elapsed;
            if (embedded.Count == 0)
            {
                Assert.Empty(astra);
                continue;
            }

            asked += embedded.Count;
            var expected = embedded.Select(h => h.Id).ToHashSet();
            // Duplicate products share one vector: at the 10th place, a tie may be broken either way.
            var last = embedded[^1].Score;
            strict += astra.Count(h => expected.Contains(h.Id));
            overlap += astra.Count(h => expected.Contains(h.Id) || Math.Abs(h.Score - last) < 1e-5);
            Assert.True(astra.Count == embedded.Count, $"'{text}': {astra.Count} hits from AstraDB, {embedded.Count} embedded");
        }

        var parity = overlap / (double)asked;
        output.WriteLine($"{stores.Queries.Count} queries, top-{K} overlap {parity:F4} (ties at 10th counted), {strict / (double)asked:F4} by id alone; " +
                         $"per search: AstraDB client via stand-in {astraTime.TotalMilliseconds / stores.Queries.Count:F2} ms, embedded {embeddedTime.TotalMilliseconds / stores.Queries.Count:F3} ms.");
        Assert.True(stores.Queries.Count >= 250, $"only {stores.Queries.Count} queries");
        Assert.True(parity >= 0.99, $"top-{K} overlap {parity:F4}");
    }

    /// <summary>The catalog in both stores, and the queries with their filters and vectors; built once (about a minute).</summary>
    public sealed class RealCatalogInBothStores : IAsyncLifetime
    {
        private DataApiStandIn? _standIn;

        public EmbeddedVectorIndex Embedded { get; private set; } = null!;

        public AstraTestClient Astra { get; private set; } = null!;

        public List<(string Text, float[] Vector, VectorFilter Filter)> Queries { get; } = [];

        public async Task InitializeAsync()
        {
            var products = CatalogLoader.Load(RepoFiles.Catalog20k, RepoFiles.CatalogFullColumns).Products;
            using var model = new MiniLmEmbeddingGenerator();
            var cache = new EmbeddingCache(model, Path.Combine(AisleApp.EmbeddingCache, EmbeddingCache.FileName(MiniLmEmbeddingGenerator.ModelId)));
            var vectors = await cache.GetOrComputeAsync(products.Select(ProductText.For).ToArray());
            var replica = new CatalogReplica(new RankingOptions());
            replica.Load(products, vectors);

            Embedded = new EmbeddedVectorIndex(MiniLmEmbeddingGenerator.Dimensions, products.Count);
            foreach (var rows in Enumerable.Range(0, products.Count).Chunk(IVectorIndex.MaxUpsertBatch))
            {
                Embedded.Upsert(rows.Select(row => CatalogDocuments.Of(replica, row)).ToArray());
            }

            _standIn = await DataApiStandIn.StartAsync();
            Astra = await AstraTestClient.CreateAsync(_standIn, MiniLmEmbeddingGenerator.Dimensions, new Dictionary<string, string?>
            {
                ["Aisle:AstraDb:InsertBatchSize"] = "100",
                ["Aisle:AstraDb:IngestConcurrency"] = "2",
                // The stand-in scans 20k JSON documents per search; on two cores shared with the app tests that can take
                // seconds. Parity is what this measures, not the budget (AstraDataApiTests prove the timeouts).
                ["Aisle:AstraDb:SearchTimeoutMs"] = "120000",
                ["Aisle:AstraDb:SearchAttemptTimeoutMs"] = "60000",
                ["Aisle:AstraDb:WriteAttemptTimeoutMs"] = "60000",
                ["Aisle:AstraDb:WriteTimeoutMs"] = "300000",
            }, createCollection: false);
            await Astra.Ingest.IngestAsync(replica, null, default);

            var understanding = new QueryUnderstanding(CatalogDictionary.Build(products));
            var texts = JudgedQueries().Concat(NameQueries(products)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var parsed = texts.Select(understanding.Parse).ToList();
            var embedded = await model.GenerateAsync(parsed.Select(p => string.IsNullOrWhiteSpace(p.Text) ? p.Original : p.Text));
            for (var i = 0; i < texts.Count; i++)
            {
                var p = parsed[i];
                var filter = new ProductFilter(p.Category, p.Brand, p.MinPrice, p.MaxPrice, InStockOnly: i % 2 == 0, p.Gender).ToVectorFilter();
                Queries.Add((texts[i], embedded[i].Vector.ToArray(), filter));
            }
        }

        public async Task DisposeAsync()
        {
            await Astra.DisposeAsync();
            await _standIn!.DisposeAsync();
        }

        private static IEnumerable<string> JudgedQueries() =>
            File.ReadLines(Path.Combine(RepoFiles.Root, "data", "search-judgements.csv")).Skip(1)
                .Select(line => line.Split(',')[0].Trim('"'))
                .Where(query => query.Length > 0);

        // Short queries the way shoppers type them: the first words of a product's name, now and then with a brand.
        private static IEnumerable<string> NameQueries(IReadOnlyList<Product> products)
        {
            var random = new Random(17);
            for (var i = 0; i < 170; i++)
            {
                var product = products[random.Next(products.Count)];
                var words = product.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2 + random.Next(3));
                yield return string.Join(' ', words);
            }
        }
    }
}
