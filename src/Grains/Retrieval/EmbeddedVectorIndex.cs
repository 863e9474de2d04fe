using System.Buffers;
using System.Numerics.Tensors;
using Aisle.Catalog;
using Aisle.Retrieval.Vector;

namespace Aisle.Retrieval;

/// <summary>
/// In-process k-nearest-neighbour index with exact-quality results. Rows are L2-normalised on upsert (cosine =
/// dot) and kept twice: a float32 matrix and an int8 copy with a per-row scale. A search scans the int8 rows with
/// a SIMD dot product, applying filters during the scan, keeps the best max(4k, 40) candidates, and re-scores
/// those in float32. Thread-safe: concurrent searches share a read lock; upserts take the write lock, so no search
/// sees a half-written row.
/// </summary>
public sealed class EmbeddedVectorIndex : IVectorIndex
{
    /// <summary>Candidates kept from the int8 scan per requested result (with <see cref="MinCandidates"/> as a floor).</summary>
    public const int CandidatesPerResult = 4;

    /// <summary>The fewest candidates re-scored in float32, whatever k is.</summary>
    public const int MinCandidates = 40;

    private const int InitialCapacity = 1024;

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, int> _rowsById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _brandIds = new(StringComparer.OrdinalIgnoreCase);
    private readonly CategoryTable _categories = new();
    private readonly int _stride;

    private int _count;
    private float[] _vectors;
    private sbyte[] _quantized;
    private float[] _scales;
    private string[] _ids;
    private int[] _categoryIds;
    private int[] _rowBrandIds;
    private double[] _prices;
    private bool[] _inStock;
    private Gender[] _genders;

    /// <summary>Creates an empty index for vectors of <paramref name="dimensions"/> components.</summary>
    public EmbeddedVectorIndex(int dimensions, int initialCapacity = InitialCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initialCapacity);
        Dimensions = dimensions;
        _stride = Int8DotProduct.PaddedLength(dimensions);
        _vectors = new float[(long)initialCapacity * dimensions];
        _quantized = new sbyte[(long)initialCapacity * _stride];
        _scales = new float[initialCapacity];
        _ids = new string[initialCapacity];
        _categoryIds = new int[initialCapacity];
        _rowBrandIds = new int[initialCapacity];
        _prices = new double[initialCapacity];
        _inStock = new bool[initialCapacity];
        _genders = new Gender[initialCapacity];
    }

    /// <inheritdoc />
    public int Count => Volatile.Read(ref _count);

    /// <inheritdoc />
    public int Dimensions { get; }

    /// <inheritdoc />
    public Task UpsertAsync(IReadOnlyList<VectorDocument> documents, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Upsert(documents);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<VectorHit>> SearchAsync(ReadOnlyMemory<float> query, int k, VectorFilter? filter = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Search(query.Span, k, filter));
    }

    /// <inheritdoc />
    public Task<float[]?> GetVectorAsync(string id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(GetVector(id));
    }

    /// <summary>Synchronous <see cref="UpsertAsync"/>: inserts or replaces up to <see cref="IVectorIndex.MaxUpsertBatch"/> documents.</summary>
    /// <exception cref="ArgumentException">Too many documents, a wrong vector length, a missing id or non-finite components.</exception>
    public void Upsert(IReadOnlyList<VectorDocument> documents)
    {
        UpsertBatch.Validate(documents, Dimensions);

        _lock.EnterWriteLock();
        try
        {
            foreach (var document in documents)
            {
                Write(document);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Synchronous <see cref="GetVectorAsync"/>: a copy of the stored (normalised) vector, or null.</summary>
    public float[]? GetVector(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        _lock.EnterReadLock();
        try
        {
            return _rowsById.TryGetValue(id, out var row) ? _vectors.AsSpan(row * Dimensions, Dimensions).ToArray() : null;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// Synchronous <see cref="SearchAsync"/> for the hot path: the top <paramref name="k"/> rows passing
    /// <paramref name="filter"/> by cosine similarity to <paramref name="query"/>, best first. Fewer than k passing
    /// rows returns them all; a zero query scores every row 0.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is not positive.</exception>
    /// <exception cref="ArgumentException">The query's length differs from <see cref="Dimensions"/> or it has non-finite components.</exception>
    public IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int k, VectorFilter? filter = null)
    {
        using var prepared = QueryVector.Prepare(query, k, Dimensions, _stride);
        _lock.EnterReadLock();
        try
        {
            return SearchLocked(prepared.Normalised, prepared.Int8Abs, prepared.Int8, k, filter);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private IReadOnlyList<VectorHit> SearchLocked(ReadOnlySpan<float> query, ReadOnlySpan<byte> qAbs, ReadOnlySpan<sbyte> q, int k, VectorFilter? filter)
    {
        var count = _count;
        if (count == 0)
        {
            return [];
        }

        var capacity = (int)Math.Min(Math.Max((long)k * CandidatesPerResult, MinCandidates), count);
        var scores = ArrayPool<float>.Shared.Rent(capacity);
        var rows = ArrayPool<int>.Shared.Rent(capacity);
        int[]? excluded = null;
        try
        {
            var top = new TopCandidates(scores.AsSpan(0, capacity), rows.AsSpan(0, capacity));
            var excludedCount = 0;
            if (filter is not null && filter.ExcludeIds is { Count: > 0 } excludeIds)
            {
                excluded = ArrayPool<int>.Shared.Rent(excludeIds.Count);
                foreach (var id in excludeIds)
                {
                    if (id is not null && _rowsById.TryGetValue(id, out var row))
                    {
                        excluded[excludedCount++] = row;
                    }
                }

                excluded.AsSpan(0, excludedCount).Sort();
            }

            ReadOnlySpan<int> excludedRows = excluded is null ? [] : excluded.AsSpan(0, excludedCount);
            if (filter is null || !filter.HasMetadataConditions)
            {
                Scan(new NoRowFilter(), qAbs, q, excludedRows, count, ref top);
            }
            else if (TryResolve(filter, out var rowFilter))
            {
                Scan(rowFilter, qAbs, q, excludedRows, count, ref top);
            }

            return Rescore(query, ref top, k);
        }
        finally
        {
            if (excluded is not null)
            {
                ArrayPool<int>.Shared.Return(excluded);
            }

            ArrayPool<int>.Shared.Return(rows);
            ArrayPool<float>.Shared.Return(scores);
        }
    }

    private void Scan<TFilter>(TFilter filter, ReadOnlySpan<byte> qAbs, ReadOnlySpan<sbyte> q, ReadOnlySpan<int> excludedRows, int count, ref TopCandidates top)
        where TFilter : struct, IRowFilter
    {
        var quantized = _quantized.AsSpan(0, count * _stride);
        var scales = _scales.AsSpan(0, count);
        var stride = _stride;
        var nextExcluded = 0;
        var excludedRow = excludedRows.IsEmpty ? int.MaxValue : excludedRows[0];
        for (var row = 0; row < scales.Length; row++)
        {
            if (row == excludedRow)
            {
                // Rows are visited in order, so the sorted exclusions are consumed with one pointer.
                while (++nextExcluded < excludedRows.Length && excludedRows[nextExcluded] == row)
                {
                }

                excludedRow = nextExcluded < excludedRows.Length ? excludedRows[nextExcluded] : int.MaxValue;
                continue;
            }

            if (!filter.Passes(row))
            {
                continue;
            }

            var dot = Int8DotProduct.Dot(qAbs, q, quantized.Slice(row * stride, stride));
            top.Offer(dot * scales[row], row);
        }
    }

    private VectorHit[] Rescore(ReadOnlySpan<float> query, ref TopCandidates top, int k)
    {
        var rows = top.Rows;
        var dimensions = Dimensions;
        var keys = ArrayPool<ulong>.Shared.Rent(rows.Length);
        try
        {
            // One sortable key per candidate: best score first, then lowest row, so equal scores (duplicate
            // products) come back in the same order on every call.
            var sorted = keys.AsSpan(0, rows.Length);
            for (var i = 0; i < rows.Length; i++)
            {
                var score = TensorPrimitives.Dot(query, _vectors.AsSpan(rows[i] * dimensions, dimensions));
                sorted[i] = ((ulong)DescendingBits(score) << 32) | (uint)rows[i];
            }

            sorted.Sort();
            var hits = new VectorHit[Math.Min(k, sorted.Length)];
            for (var i = 0; i < hits.Length; i++)
            {
                var key = sorted[i];
                hits[i] = new VectorHit(_ids[(int)(uint)key], FromDescendingBits((uint)(key >> 32)));
            }

            return hits;
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(keys);
        }
    }

    /// <summary>Maps a float to bits whose unsigned order is the float's descending order.</summary>
    private static uint DescendingBits(float score)
    {
        var bits = BitConverter.SingleToUInt32Bits(score + 0f); // + 0 turns -0 into +0
        var ascending = (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u;
        return ~ascending;
    }

    private static float FromDescendingBits(uint descending)
    {
        var ascending = ~descending;
        var bits = (ascending & 0x8000_0000u) != 0 ? ascending & 0x7FFF_FFFFu : ~ascending;
        return BitConverter.UInt32BitsToSingle(bits);
    }

    /// <summary>Turns a filter into column lookups; false when no row can pass (an unknown brand).</summary>
    private bool TryResolve(VectorFilter filter, out ColumnRowFilter rowFilter)
    {
        var brandId = ColumnRowFilter.AnyBrand;
        if (!string.IsNullOrWhiteSpace(filter.Brand) && !_brandIds.TryGetValue(filter.Brand.Trim(), out brandId))
        {
            rowFilter = default;
            return false;
        }

        var categoryMatches = string.IsNullOrWhiteSpace(filter.Category) ? null : _categories.Matches(filter.Category);
        var (genderFits, genderConflicts) = ProductGenders.Condition(filter.Gender);
        rowFilter = new ColumnRowFilter(
            categoryMatches,
            _categoryIds,
            brandId,
            _rowBrandIds,
            filter.MinPrice ?? double.NegativeInfinity,
            filter.MaxPrice ?? double.PositiveInfinity,
            filter.MinPrice is not null || filter.MaxPrice is not null,
            _prices,
            filter.InStockOnly,
            _inStock,
            genderFits,
            genderConflicts,
            _genders);
        return true;
    }

    private void Write(VectorDocument document)
    {
        if (!_rowsById.TryGetValue(document.Id, out var row))
        {
            row = _count;
            if (row == _scales.Length)
            {
                Grow();
            }

            _rowsById.Add(document.Id, row);
            _ids[row] = document.Id;
        }

        var vector = _vectors.AsSpan(row * Dimensions, Dimensions);
        UnitLength.Normalise(document.Vector.Span, TensorPrimitives.Norm(document.Vector.Span), vector);
        _scales[row] = Int8Quantizer.Quantize(vector, _quantized.AsSpan(row * _stride, _stride));

        var metadata = document.Metadata;
        _categoryIds[row] = _categories.Intern(metadata.Category);
        _rowBrandIds[row] = BrandId(metadata.Brand);
        _prices[row] = metadata.Price ?? double.NaN;
        _inStock[row] = metadata.InStock;
        _genders[row] = metadata.Genders;

        if (row == _count)
        {
            // Published last: lock-free readers of Count never see a row that is not yet written.
            Volatile.Write(ref _count, row + 1);
        }
    }

    private int BrandId(string? brand)
    {
        if (string.IsNullOrWhiteSpace(brand))
        {
            return -1;
        }

        brand = brand.Trim();
        if (!_brandIds.TryGetValue(brand, out var id))
        {
            id = _brandIds.Count;
            _brandIds.Add(brand, id);
        }

        return id;
    }

    private void Grow()
    {
        var capacity = _scales.Length * 2;
        Array.Resize(ref _vectors, capacity * Dimensions);
        Array.Resize(ref _quantized, capacity * _stride);
        Array.Resize(ref _scales, capacity);
        Array.Resize(ref _ids, capacity);
        Array.Resize(ref _categoryIds, capacity);
        Array.Resize(ref _rowBrandIds, capacity);
        Array.Resize(ref _prices, capacity);
        Array.Resize(ref _inStock, capacity);
        Array.Resize(ref _genders, capacity);
    }
}
