using Aisle.Retrieval;

namespace Aisle.Tests.Retrieval;

/// <summary>
/// One 20k × 384 clustered set indexed three ways, shared by the read-only approximate-index tests: exactly (the
/// reference), approximately with the default settings, and approximately with every filter sent through the graph walk
/// (<see cref="VectorIndexOptions.ExactScanBelow"/> = 0), so both of its filter paths are measured.
/// </summary>
public sealed class ApproximateIndexFixture : IDisposable
{
    public ApproximateIndexFixture()
    {
        Data = VectorTestData.Create(20_000, seed: 11);
        Exact = Data.BuildIndex(initialCapacity: 20_000);
        Approximate = Build(new VectorIndexOptions());
        GraphOnly = Build(new VectorIndexOptions { ExactScanBelow = 0 });
    }

    internal VectorTestData Data { get; }

    public EmbeddedVectorIndex Exact { get; }

    public ApproximateVectorIndex Approximate { get; }

    public ApproximateVectorIndex GraphOnly { get; }

    public void Dispose()
    {
        Approximate.Dispose();
        GraphOnly.Dispose();
    }

    private ApproximateVectorIndex Build(VectorIndexOptions options)
    {
        var index = new ApproximateVectorIndex(Data.Dimensions, options);
        foreach (var batch in Data.Documents.Chunk(IVectorIndex.MaxUpsertBatch))
        {
            index.Upsert(batch);
        }

        return index;
    }
}
