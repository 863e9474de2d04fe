using Aisle.Retrieval;
using Aisle.Retrieval.Vector;
using BenchmarkDotNet.Attributes;

namespace Aisle.Benchmarks;

/// <summary>
/// kNN over 20k × 384: the exact float32 scan against <see cref="EmbeddedVectorIndex"/> (int8 scan + float32
/// re-scoring), unfiltered and filtered. Each invocation runs <see cref="QueriesPerInvoke"/> queries, so the
/// reported mean is per query. Recall is printed from the global setup.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class KnnBenchmarks
{
    private const int Rows = 20_000;
    private const int K = 10;
    private const int QueriesPerInvoke = 100;
    private const int RecallQueries = 200;

    private static readonly VectorFilter Filter = new(Category: "Category1", MaxPrice: 5000, InStockOnly: true);

    private KnnData _data = null!;
    private KnnExact _exact = null!;
    private EmbeddedVectorIndex _index = null!;
    private float[][] _queries = null!;

    [GlobalSetup]
    public void Setup()
    {
        _data = KnnData.Load(Rows, RecallQueries);
        _exact = new KnnExact(_data.Rows);
        _index = new EmbeddedVectorIndex(KnnData.Dimensions);
        for (var start = 0; start < _data.Rows.Length; start += IVectorIndex.MaxUpsertBatch)
        {
            var batch = new List<VectorDocument>();
            for (var i = start; i < Math.Min(start + IVectorIndex.MaxUpsertBatch, _data.Rows.Length); i++)
            {
                batch.Add(new VectorDocument(Id(i), _data.Rows[i], _data.Metadata[i]));
            }

            _index.Upsert(batch);
        }

        _queries = _data.Queries.Select(KnnExact.Normalise).ToArray();
        Console.WriteLine($"// Knn data: {_data.Source}; {_index.Count} rows × {KnnData.Dimensions}; int8 kernel {Int8DotProduct.Kernel}");
        Console.WriteLine($"// Knn recall@{K} over {RecallQueries} queries vs exact float32 (by id): index {Recall(q => _index.Search(q, K).Select(h => h.Id)):F4}, int8 alone {Recall(q => _exact.Int8Only(q, K).Select(Id)):F4}");
        // Duplicate products have identical embeddings; any of a tied group is a correct answer.
        Console.WriteLine($"// Knn recall@{K} counting exact-score ties as hits: index {TieAwareRecall(q => _index.Search(q, K).Select(h => RowOf(h.Id))):F4}, int8 alone {TieAwareRecall(q => _exact.Int8Only(q, K)):F4}");

        var passing = Enumerable.Range(0, Rows).Where(Passes).ToHashSet();
        var filteredFound = 0;
        foreach (var query in _queries)
        {
            var expected = _exact.Float32(query, K, passing.Contains).Select(Id).ToHashSet();
            filteredFound += _index.Search(query, K, Filter).Count(h => expected.Contains(h.Id));
        }

        Console.WriteLine($"// Knn filter {Filter} passes {passing.Count} rows ({100.0 * passing.Count / Rows:F1}%); filtered recall@{K} {filteredFound / (double)(RecallQueries * K):F4}");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = QueriesPerInvoke)]
    public int ExactFloat32Scan()
    {
        var total = 0;
        for (var i = 0; i < QueriesPerInvoke; i++)
        {
            total += _exact.Float32(_queries[i], K).Length;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = QueriesPerInvoke)]
    public int Int8ScanWithFloatRescoring()
    {
        var total = 0;
        for (var i = 0; i < QueriesPerInvoke; i++)
        {
            total += _index.Search(_queries[i], K).Count;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = QueriesPerInvoke)]
    public int Int8ScanWithFloatRescoringFiltered()
    {
        var total = 0;
        for (var i = 0; i < QueriesPerInvoke; i++)
        {
            total += _index.Search(_queries[i], K, Filter).Count;
        }

        return total;
    }

    private static string Id(int row) => "p" + row;

    private bool Passes(int row)
    {
        var m = _data.Metadata[row];
        return m.Category.StartsWith("Category1 >", StringComparison.OrdinalIgnoreCase) && m.Price <= 5000 && m.InStock;
    }

    private static int RowOf(string id) => int.Parse(id.AsSpan(1));

    private double TieAwareRecall(Func<float[], IEnumerable<int>> search)
    {
        var found = 0;
        foreach (var query in _queries)
        {
            var expected = _exact.Float32(query, K);
            var kth = _exact.Score(query, expected[^1]);
            found += search(query).Count(row => _exact.Score(query, row) >= kth - 1e-6f);
        }

        return found / (double)(_queries.Length * K);
    }

    private double Recall(Func<float[], IEnumerable<string>> search)
    {
        var found = 0;
        foreach (var query in _queries)
        {
            var expected = _exact.Float32(query, K).Select(Id).ToHashSet();
            found += search(query).Count(expected.Contains);
        }

        return found / (double)(_queries.Length * K);
    }
}
