using Aisle.Catalog;
using Aisle.Embeddings;
using Aisle.Hosting;

namespace Aisle.Cli.Scale;

/// <summary>
/// A generated benchmark catalog on disk: <c>catalog.csv</c> in the Flipkart columns and the embedding cache the app
/// keeps (<c>embeddings-all-MiniLM-L6-v2.v3.bin</c>) holding every product's vector, so Aisle runs on it with
/// <c>Aisle__CatalogFile=DIR/catalog.csv Aisle__EmbeddingCacheDirectory=DIR</c> and embeds nothing.
/// </summary>
public sealed record BenchmarkCatalog(IReadOnlyList<Product> Products, float[][] Vectors)
{
    public const string CatalogFileName = "catalog.csv";

    public static string CacheFileName => EmbeddingCache.FileName(MiniLmEmbeddingGenerator.ModelId);

    /// <summary>Reads the catalog as the app does (with the bundled descriptions joined) and its vectors from the cache;
    /// a product the cache lacks is an error, since embedding a million products here would take hours.</summary>
    public static async Task<BenchmarkCatalog> LoadAsync(string directory, CancellationToken cancellationToken)
    {
        var load = Options(directory).LoadCatalog();
        var cache = new EmbeddingCache(PrecomputedEmbeddings.None(MiniLmEmbeddingGenerator.Description), Path.Combine(directory, CacheFileName));
        var vectors = await cache.GetOrComputeAsync(load.Products.Select(ProductText.For).ToArray(), cancellationToken: cancellationToken);
        return new BenchmarkCatalog(load.Products, vectors);
    }

    /// <summary>The settings under which the app reads this catalog.</summary>
    public static AisleOptions Options(string directory) => new() { CatalogFile = Path.GetFullPath(Path.Combine(directory, CatalogFileName)) };
}
