using System.Diagnostics;
using System.Numerics.Tensors;
using Aisle.Embeddings;
using Aisle.Retrieval;

namespace Aisle.Cli.Scale;

/// <summary>
/// Builds the exact and the approximate index over the first n products of a benchmark catalog and times both on the
/// same queries, one thread, one query at a time: build time, index bytes (managed heap growth, plus USearch's own
/// figure for the graph), process RSS, latency p50/p99, queries per second on that one core, and recall@k of the
/// approximate index against the exact one.
/// </summary>
public sealed class ScaleMeasurement(BenchmarkCatalog catalog, IReadOnlyList<ScaleQuery> queries, int k, VectorIndexOptions options, IReadOnlyList<int> expansions)
{
    private const int WarmupQueries = 50;
    private static readonly TimeSpan WarmupTime = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, int> _rows = catalog.Products.Select((p, row) => (p.Id, row)).ToDictionary(x => x.Id, x => x.row);

    public IEnumerable<ScaleRow> Run(int products)
    {
        var documents = Documents(products);
        var baseline = ManagedBytes();

        var watch = Stopwatch.StartNew();
        var exact = new EmbeddedVectorIndex(MiniLmEmbeddingGenerator.Dimensions, products);
        foreach (var batch in documents)
        {
            exact.Upsert(batch);
        }

        var exactBuild = watch.Elapsed.TotalSeconds;
        var exactBytes = ManagedBytes() - baseline;
        var exactRss = Environment.WorkingSet;
        var truthUnfiltered = new List<Truth>();
        var truthFiltered = new List<Truth>();
        var exactUnfiltered = Time(q => exact.Search(q.Vector, k), truthUnfiltered, null);
        var exactFiltered = Time(q => exact.Search(q.Vector, k, q.Filter), truthFiltered, null);
        yield return new ScaleRow(products, "exact", exactBuild, exactBytes, exactRss, exactUnfiltered, exactFiltered);

        exact = null;
        baseline = ManagedBytes();
        watch.Restart();
        using var approximate = new ApproximateVectorIndex(MiniLmEmbeddingGenerator.Dimensions, options, products);
        foreach (var batch in documents)
        {
            approximate.Upsert(batch);
        }

        var approximateBuild = watch.Elapsed.TotalSeconds;
        var approximateBytes = ManagedBytes() - baseline + approximate.NativeBytes;
        var approximateRss = Environment.WorkingSet;
        // One graph, searched at each expansion: the recall / latency trade-off without rebuilding.
        foreach (var expansion in expansions)
        {
            approximate.ExpansionSearch = expansion;
            var unfiltered = Time(q => approximate.Search(q.Vector, k), null, truthUnfiltered);
            var filtered = Time(q => approximate.Search(q.Vector, k, q.Filter), null, truthFiltered);
            yield return new ScaleRow(products, $"approximate, ef {expansion}", approximateBuild, approximateBytes, approximateRss, unfiltered, filtered);
        }
    }

    private VectorDocument[][] Documents(int products) =>
        Enumerable.Range(0, Math.Min(products, catalog.Products.Count))
            .Select(row => new VectorDocument(catalog.Products[row].Id, catalog.Vectors[row], ScaleQueries.Metadata(catalog.Products[row])))
            .Chunk(IVectorIndex.MaxUpsertBatch)
            .ToArray();

    /// <summary>Runs every query once after a warm-up; records the hits as truth, or scores them against it.</summary>
    private ScaleLatency Time(Func<ScaleQuery, IReadOnlyList<VectorHit>> search, List<Truth>? record, List<Truth>? truth)
    {
        // Until the JIT has settled (tiered compilation promotes a hot method after ~30 calls and a short delay).
        var warmup = Stopwatch.StartNew();
        for (var i = 0; i < WarmupQueries || warmup.Elapsed < WarmupTime; i++)
        {
            search(queries[i % queries.Count]);
        }

        var wall = new double[queries.Count];
        var cpu = new double[queries.Count];
        var found = 0;
        var foundOrTied = 0;
        var expected = 0;
        for (var i = 0; i < queries.Count; i++)
        {
            var cpuStarted = ThreadCpuClock.NowMilliseconds();
            var started = Stopwatch.GetTimestamp();
            var hits = search(queries[i]);
            wall[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            cpu[i] = ThreadCpuClock.IsSupported ? ThreadCpuClock.NowMilliseconds() - cpuStarted : wall[i];
            record?.Add(new Truth(hits.Select(h => h.Id).ToHashSet(), hits.Count == 0 ? float.NegativeInfinity : hits[^1].Score));
            if (truth is not null)
            {
                var expectedHits = truth[i];
                found += hits.Count(h => expectedHits.Ids.Contains(h.Id));
                // Products with the same text share one vector: any of them is as right as another. A hit counts as
                // tied when its float cosine reaches the exact k-th score.
                foundOrTied += hits.Count(h => expectedHits.Ids.Contains(h.Id)
                    || TensorPrimitives.CosineSimilarity(queries[i].Vector, catalog.Vectors[_rows[h.Id]]) >= expectedHits.KthScore - 1e-5f);
                expected += expectedHits.Ids.Count;
            }
        }

        var cpuSeconds = cpu.Sum() / 1000;
        Array.Sort(wall);
        Array.Sort(cpu);
        return new ScaleLatency(
            Percentile(cpu, 0.50),
            Percentile(cpu, 0.99),
            Percentile(wall, 0.50),
            Percentile(wall, 0.99),
            queries.Count / cpuSeconds,
            truth is null ? 1 : expected == 0 ? 1 : (double)found / expected,
            truth is null ? 1 : expected == 0 ? 1 : (double)foundOrTied / expected);
    }

    /// <summary>The exact index's answer to one query: its ids and its k-th (lowest) score.</summary>
    private sealed record Truth(HashSet<string> Ids, float KthScore);

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static long ManagedBytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
