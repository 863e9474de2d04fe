namespace Aisle.Retrieval;

/// <summary>
/// The silo's vector index, chosen by catalog size once the catalog is read: the exact scan
/// (<see cref="EmbeddedVectorIndex"/>) up to <see cref="VectorIndexOptions.ApproximateAbove"/> products, the HNSW graph
/// (<see cref="ApproximateVectorIndex"/>) above. Registered before the catalog's size is known, so it stands in for the
/// choice until <see cref="Prepare"/>; used before that, it holds the exact index, which fits any size.
/// </summary>
public sealed class CatalogVectorIndex(VectorIndexOptions options, int dimensions) : IVectorIndex, IDisposable
{
    private readonly Lock _choosing = new();
    private IVectorIndex? _inner;

    /// <summary>The index in use (the exact one until <see cref="Prepare"/> chose otherwise).</summary>
    public IVectorIndex Inner
    {
        get
        {
            if (Volatile.Read(ref _inner) is { } inner)
            {
                return inner;
            }

            lock (_choosing)
            {
                return _inner ??= new EmbeddedVectorIndex(dimensions);
            }
        }
    }

    /// <inheritdoc />
    public int Count => Inner.Count;

    /// <inheritdoc />
    public int Dimensions => dimensions;

    /// <summary>The index a catalog of <paramref name="catalogSize"/> products gets under <paramref name="options"/>.</summary>
    public static IVectorIndex Create(VectorIndexOptions options, int dimensions, int catalogSize) =>
        catalogSize > options.ApproximateAbove
            ? new ApproximateVectorIndex(dimensions, options, Math.Max(1, catalogSize))
            : new EmbeddedVectorIndex(dimensions, Math.Max(1, catalogSize));

    /// <summary>Chooses the index for a catalog of <paramref name="catalogSize"/> products, sized for it. Call once,
    /// before the first upsert; a later call, or one after the index has been used, keeps the index it has.</summary>
    public void Prepare(int catalogSize)
    {
        lock (_choosing)
        {
            if (_inner is not null)
            {
                return;
            }

            _inner = Create(options, dimensions, catalogSize);
            // Said once at start beside the bootstrapper's own lines, so an operator sees which index serves.
            Console.WriteLine(_inner is ApproximateVectorIndex
                ? $"Aisle vector index: approximate (HNSW, USearch) for {catalogSize:N0} products, above Aisle:Vectors:ApproximateAbove = {options.ApproximateAbove:N0}."
                : $"Aisle vector index: exact int8 scan for {catalogSize:N0} products (approximate above {options.ApproximateAbove:N0}).");
        }
    }

    /// <inheritdoc />
    public Task UpsertAsync(IReadOnlyList<VectorDocument> documents, CancellationToken cancellationToken = default) =>
        Inner.UpsertAsync(documents, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<VectorHit>> SearchAsync(ReadOnlyMemory<float> query, int k, VectorFilter? filter = null, CancellationToken cancellationToken = default) =>
        Inner.SearchAsync(query, k, filter, cancellationToken);

    /// <inheritdoc />
    public Task<float[]?> GetVectorAsync(string id, CancellationToken cancellationToken = default) =>
        Inner.GetVectorAsync(id, cancellationToken);

    public void Dispose() => (_inner as IDisposable)?.Dispose();
}
