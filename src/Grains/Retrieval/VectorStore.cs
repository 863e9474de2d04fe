namespace Aisle.Retrieval;

/// <summary>Where product vectors live (<c>Aisle:Vectors:Store</c>).</summary>
public enum VectorStore
{
    /// <summary>In each silo's memory, built from the catalog at start (exact scan, or HNSW above a size). The default.</summary>
    Embedded,

    /// <summary>One shared AstraDB collection reached over the Data API, written once by the ingest command.</summary>
    AstraDb,
}
