using System.Diagnostics;
using Aisle.Catalog;
using Aisle.Embeddings;
using Aisle.Hosting;

namespace Aisle.Cli.Scale;

/// <summary>
/// Writes a benchmark catalog of a given size derived from the real one (<see cref="CatalogDerivation"/>): the CSV, then
/// the embedding cache of the products exactly as the app will read them back (texts from the re-read CSV, so the
/// cache keys match what the app computes).
/// </summary>
public sealed class CatalogGenerator(int size, string directory, string embeddingCacheDirectory, CatalogDerivation derivation)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var source = new AisleOptions().LoadCatalog().Products;
        Console.WriteLine($"Source: the bundled catalog, {source.Count:N0} products.");

        // The real embeddings: from the app's cache when it has them, else computed with the real model (a minute or two).
        using var model = new MiniLmEmbeddingGenerator();
        var realCache = new EmbeddingCache(model, Path.Combine(embeddingCacheDirectory, BenchmarkCatalog.CacheFileName));
        var real = await realCache.GetOrComputeAsync(source.Select(ProductText.For).ToArray(), cancellationToken: cancellationToken);
        Console.WriteLine($"Real embeddings of the source: {real.Length:N0} from {Path.GetFullPath(embeddingCacheDirectory)} ({started.Elapsed.TotalSeconds:F0} s).");

        Directory.CreateDirectory(directory);
        var csvPath = Path.Combine(directory, BenchmarkCatalog.CatalogFileName);
        var origin = new Dictionary<string, (int Copy, int Source)>(size, StringComparer.Ordinal);
        await using (var file = new StreamWriter(csvPath))
        {
            var writer = new FlipkartCsvWriter(file);
            writer.WriteHeader();
            for (var row = 0; row < size; row++)
            {
                var (copy, s) = Math.DivRem(row, source.Count);
                var product = derivation.Product(source[s], copy, s);
                origin.TryAdd(product.Id, (copy, s));
                writer.Write(product);
            }
        }

        Console.WriteLine($"Wrote {size:N0} rows to {csvPath} ({started.Elapsed.TotalSeconds:F0} s).");

        // Read back as the app will, so each cache key is the text the app computes for that product.
        var load = BenchmarkCatalog.Options(directory).LoadCatalog();
        var texts = new string[load.Products.Count];
        var vectors = new Dictionary<string, float[]>(load.Products.Count, StringComparer.Ordinal);
        for (var i = 0; i < texts.Length; i++)
        {
            var product = load.Products[i];
            var (copy, s) = origin[product.Id];
            texts[i] = ProductText.For(product);
            vectors.TryAdd(texts[i], derivation.Vector(real[s], copy, s));
        }

        var cachePath = Path.Combine(directory, BenchmarkCatalog.CacheFileName);
        File.Delete(cachePath);
        var cache = new EmbeddingCache(new PrecomputedEmbeddings(vectors, MiniLmEmbeddingGenerator.Description), cachePath);
        await cache.GetOrComputeAsync(texts, cancellationToken: cancellationToken);
        Console.WriteLine(
            $"Catalog ready: {load.Products.Count:N0} products ({load.Rejected.Count:N0} rows rejected by the loader), " +
            $"{vectors.Count:N0} distinct texts cached in {cachePath}, {started.Elapsed.TotalSeconds:F0} s in all.");
        Console.WriteLine($"Run Aisle on it: Aisle__CatalogFile={Path.GetFullPath(csvPath)} Aisle__EmbeddingCacheDirectory={Path.GetFullPath(directory)} dotnet run --project src/Frontend -c Release");
        return 0;
    }
}
