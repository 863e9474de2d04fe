using Aisle.Catalog;

namespace Aisle.Retrieval;

/// <summary>
/// Nearest-neighbour search over product embeddings. Shaped to fit both the embedded in-process index and
/// AstraDB's Data API: upserts of at most <see cref="MaxUpsertBatch"/> documents, metadata filters applied by the
/// store, cosine similarity scores.
/// </summary>
public interface IVectorIndex
{
    /// <summary>AstraDB's Data API accepts at most 100 documents per insert/upsert call.</summary>
    const int MaxUpsertBatch = 100;

    int Count { get; }

    int Dimensions { get; }

    /// <summary>Inserts or replaces documents (vector and metadata). At most <see cref="MaxUpsertBatch"/> per call.</summary>
    Task UpsertAsync(IReadOnlyList<VectorDocument> documents, CancellationToken cancellationToken = default);

    /// <summary>The top <paramref name="k"/> documents by cosine similarity that pass <paramref name="filter"/>, best first.</summary>
    Task<IReadOnlyList<VectorHit>> SearchAsync(ReadOnlyMemory<float> query, int k, VectorFilter? filter = null, CancellationToken cancellationToken = default);

    /// <summary>The stored (normalised) vector of a document, or null when unknown.</summary>
    Task<float[]?> GetVectorAsync(string id, CancellationToken cancellationToken = default);
}

/// <summary>A document to index: its embedding and the metadata filters run against.</summary>
public sealed record VectorDocument(string Id, ReadOnlyMemory<float> Vector, VectorMetadata Metadata);

/// <summary>Filterable attributes stored beside each vector.</summary>
/// <param name="Category">Full category path, <c>A &gt; B &gt; C</c>.</param>
/// <param name="Genders">Every gender the product's name or category names (<see cref="ProductGenders.Of"/>).</param>
public sealed record VectorMetadata(string Category, string? Brand, double? Price, bool InStock, Gender Genders = Gender.None);

/// <summary>
/// Conditions a hit must meet. Category matches whole leading path segments case-insensitively
/// ("Footwear" matches "Footwear &gt; Men's Footwear", not "Footwears"); brand matches exactly, case-insensitively;
/// a price bound excludes products without a price; a gender drops the products it contradicts
/// (<see cref="ProductGenders.Contradicts"/>).
/// </summary>
public sealed record VectorFilter(
    string? Category = null,
    string? Brand = null,
    double? MinPrice = null,
    double? MaxPrice = null,
    bool InStockOnly = false,
    IReadOnlySet<string>? ExcludeIds = null,
    Gender Gender = Gender.None)
{
    public static readonly VectorFilter None = new();

    /// <summary>True when a condition on the stored metadata applies (exclusions are by id, not metadata).</summary>
    public bool HasMetadataConditions =>
        !string.IsNullOrWhiteSpace(Category) || !string.IsNullOrWhiteSpace(Brand) || MinPrice is not null || MaxPrice is not null
        || InStockOnly || ProductGenders.Condition(Gender).Conflicts != Gender.None;
}

/// <summary>A search result: document id and cosine similarity in [-1, 1].</summary>
public sealed record VectorHit(string Id, float Score);
