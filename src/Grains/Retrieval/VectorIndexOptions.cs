namespace Aisle.Retrieval;

/// <summary>
/// Which vector index a silo builds and how the approximate one is tuned (configuration section <c>Aisle:Vectors</c>).
/// Below <see cref="ApproximateAbove"/> products the exact int8 scan with float re-score (<see cref="EmbeddedVectorIndex"/>)
/// answers every query in well under a millisecond and holds float vectors; above it the scan grows linearly and the
/// float copy alone passes a gigabyte at a million products, so the HNSW graph of <see cref="ApproximateVectorIndex"/>
/// takes over. Figures behind the defaults: docs/benchmarks.md, "Scale: 20k → 200k → 1M products".
/// </summary>
public sealed class VectorIndexOptions
{
    public const string Section = "Aisle:Vectors";

    /// <summary>Catalogs with more products than this get the approximate index. Default 100,000.</summary>
    public int ApproximateAbove { get; set; } = 100_000;

    /// <summary>HNSW links per node (USearch "connectivity", M): more raises recall and memory. Default 16.</summary>
    public int Connectivity { get; set; } = 16;

    /// <summary>Candidates kept while inserting (efConstruction): a better graph against a slower build. Default 128.</summary>
    public int ExpansionAdd { get; set; } = 128;

    /// <summary>Candidates kept while searching (ef, at least k): recall against latency. Default 64.</summary>
    public int ExpansionSearch { get; set; } = 64;

    /// <summary>A category or brand filter that leaves at most this many products is answered by an exact scan of just
    /// those products (each read back from the graph, ~0.1 µs a row) instead of a graph walk that would have to step over
    /// the many that fail it. Default 5,000.</summary>
    public int ExactScanBelow { get; set; } = 5_000;
}
