using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Aisle.Catalog;
using Aisle.Retrieval.Approximate;
using Aisle.Retrieval.Vector;

namespace Aisle.Retrieval;

/// <summary>
/// Approximate k-nearest-neighbour index for large catalogs: an HNSW graph (USearch) over int8 vectors, so search cost
/// grows with the logarithm of the catalog instead of linearly.
/// Rows are L2-normalised and quantised with one scale per row (<see cref="Int8Quantizer"/>) and handed to USearch as
/// int8 as they are: its own float-to-int8 cast scales every vector by its norm, which leaves an embedding's small
/// components only a few levels, while cosine is blind to a per-row scale, so the graph measures exactly the vectors
/// the exact index scans. The graph's copy of each vector is the only one (read back with <c>usearch_get</c> to score
/// candidates exactly in int8), so a million products take about 0.8 GB instead of the 1.9 GB of the exact index.
/// <para>
/// Filters never cost recall: a category or brand filter that leaves at most
/// <see cref="VectorIndexOptions.ExactScanBelow"/> rows is answered by an exact scan of just those rows (found through
/// per-category and per-brand row lists); any other filter is tested inside the graph walk (USearch's filtered search
/// calls back per candidate), and a walk that still finds fewer than k passing rows falls back to the exact scan.
/// </para>
/// Thread-safe like <see cref="EmbeddedVectorIndex"/>: searches share a read lock, upserts take the write lock. USearch
/// serves as many concurrent calls as it has thread contexts, so a semaphore of that size gates the native calls.
/// </summary>
public sealed class ApproximateVectorIndex : IVectorIndex, IDisposable
{
    /// <summary>Candidates taken from the graph per requested result (with <see cref="MinCandidates"/> and the search
    /// expansion as floors) and re-ranked by the exact int8 score: USearch orders its hits with a fast approximate cosine,
    /// and among near-equal products (a product's variants) that order is noise, so every candidate the walk kept is
    /// re-scored (a few microseconds) rather than trusting its first k.</summary>
    public const int CandidatesPerResult = 2;

    /// <summary>The fewest candidates taken from the graph, whatever k is.</summary>
    public const int MinCandidates = 40;

    private const int InitialCapacity = 1024;

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<string, int> _rowsById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _brandIds = new(StringComparer.OrdinalIgnoreCase);
    private readonly CategoryTable _categories = new();
    private readonly RowPostings _rowsByCategory = new();
    private readonly RowPostings _rowsByBrand = new();
    private readonly VectorIndexOptions _options;
    private readonly int _stride;
    private readonly int _threadContexts;
    private readonly SemaphoreSlim _nativeGate;
    private readonly USearchHandle _native;

    private int _count;
    private int _expansionSearch;
    private float[] _scales;
    private string[] _ids;
    private int[] _categoryIds;
    private int[] _rowBrandIds;
    private double[] _prices;
    private bool[] _inStock;
    private Gender[] _genders;

    /// <summary>Creates an empty index for vectors of <paramref name="dimensions"/> components.</summary>
    public ApproximateVectorIndex(int dimensions, VectorIndexOptions? options = null, int initialCapacity = InitialCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(initialCapacity);
        _options = options ?? new VectorIndexOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.Connectivity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.ExpansionAdd);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.ExpansionSearch);
        Dimensions = dimensions;
        _stride = Int8DotProduct.PaddedLength(dimensions);
        // Contexts cost a visited-set each (a bit per row); more than the cores that can run them buys nothing, but
        // Orleans and the thread pool may call from more threads than cores, who then wait on the gate briefly.
        _threadContexts = Math.Max(4, Environment.ProcessorCount * 2);
        _nativeGate = new SemaphoreSlim(_threadContexts, _threadContexts);

        var init = new USearchNative.InitOptions
        {
            MetricKind = USearchNative.MetricCos,
            Quantization = USearchNative.ScalarInt8,
            Dimensions = (nuint)dimensions,
            Connectivity = (nuint)_options.Connectivity,
            ExpansionAdd = (nuint)_options.ExpansionAdd,
            ExpansionSearch = (nuint)_options.ExpansionSearch,
        };
        var index = USearchNative.Init(ref init, out var error);
        USearchNative.Check(error, "init");
        _native = new USearchHandle(index);
        _expansionSearch = _options.ExpansionSearch;

        _scales = new float[initialCapacity];
        _ids = new string[initialCapacity];
        _categoryIds = new int[initialCapacity];
        _rowBrandIds = new int[initialCapacity];
        _prices = new double[initialCapacity];
        _inStock = new bool[initialCapacity];
        _genders = new Gender[initialCapacity];
        ReserveNative(initialCapacity);
    }

    /// <inheritdoc />
    public int Count => Volatile.Read(ref _count);

    /// <inheritdoc />
    public int Dimensions { get; }

    /// <summary>Bytes the native graph and its int8 vectors hold (USearch's own figure); the managed columns come on top.</summary>
    public long NativeBytes
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                var bytes = USearchNative.MemoryUsage(_native.DangerousGetHandle(), out var error);
                USearchNative.Check(error, "memory_usage");
                return (long)bytes;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Candidates kept while searching (ef; a search for more than ef results keeps k). Starts at
    /// <see cref="VectorIndexOptions.ExpansionSearch"/>; changing it waits for running searches, so tuning can happen live.</summary>
    public int ExpansionSearch
    {
        get => _expansionSearch;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            _lock.EnterWriteLock();
            try
            {
                USearchNative.ChangeExpansionSearch(_native.DangerousGetHandle(), (nuint)value, out var error);
                USearchNative.Check(error, "change_expansion_search");
                _expansionSearch = value;
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }
    }

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

    /// <summary>
    /// The stored vector, dequantised: the index keeps no float copy (a million rows of it would be 1.5 GB), so this is
    /// the normalised input to within int8 rounding (each component within half a step of 1/127 of the row's largest).
    /// </summary>
    public float[]? GetVector(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        _lock.EnterReadLock();
        try
        {
            if (!_rowsById.TryGetValue(id, out var row))
            {
                return null;
            }

            var vector = new float[Dimensions];
            Span<sbyte> quantized = stackalloc sbyte[_stride];
            ReadStored(row, quantized);
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] = quantized[i] * _scales[row];
            }

            return vector;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Synchronous <see cref="UpsertAsync"/>; the same validation as <see cref="EmbeddedVectorIndex.Upsert"/>.</summary>
    public void Upsert(IReadOnlyList<VectorDocument> documents)
    {
        UpsertBatch.Validate(documents, Dimensions);

        _lock.EnterWriteLock();
        try
        {
            var newCount = _count;
            var changed = new List<(int Row, bool Existed, sbyte[] Vector)>(documents.Count);
            var normalised = new float[Dimensions];
            var stored = new sbyte[_stride];
            foreach (var document in documents)
            {
                var existed = _rowsById.TryGetValue(document.Id, out var row);
                if (!existed)
                {
                    row = newCount++;
                    EnsureCapacity(newCount);
                    _rowsById.Add(document.Id, row);
                    _ids[row] = document.Id;
                }

                UnitLength.Normalise(document.Vector.Span, TensorPrimitives.Norm(document.Vector.Span), normalised);
                var quantized = new sbyte[_stride];
                var scale = Int8Quantizer.Quantize(normalised, quantized);
                var pending = changed.FindIndex(c => c.Row == row);
                var wasInGraph = existed && pending < 0;
                // Price and stock changes re-upsert the same vector: only a new vector touches the graph.
                if (wasInGraph && _scales[row] == scale && ReadStored(row, stored) && stored.AsSpan().SequenceEqual(quantized))
                {
                    WriteMetadata(row, document.Metadata, existed);
                    continue;
                }

                _scales[row] = scale;
                if (pending >= 0)
                {
                    changed[pending] = changed[pending] with { Vector = quantized };
                }
                else
                {
                    changed.Add((row, existed, quantized));
                }

                WriteMetadata(row, document.Metadata, existed);
            }

            AddToGraph(changed);
            // Published last: lock-free readers of Count never see a row that is not yet in the graph.
            Volatile.Write(ref _count, newCount);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// The top <paramref name="k"/> rows passing <paramref name="filter"/> by (int8) cosine similarity to
    /// <paramref name="query"/>, best first; equal scores in insertion order. A zero query scores every row 0.
    /// </summary>
    public IReadOnlyList<VectorHit> Search(ReadOnlySpan<float> query, int k, VectorFilter? filter = null)
    {
        using var prepared = QueryVector.Prepare(query, k, Dimensions, _stride);
        var probe = new Probe(prepared.Int8Buffer, prepared.Int8AbsBuffer, prepared.Scale);
        _lock.EnterReadLock();
        try
        {
            return SearchLocked(probe, k, filter);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _lock.EnterWriteLock();
        try
        {
            _native.Dispose();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>A quantised query: its int8 components (and their absolute values, for the x86 kernels) and scale.</summary>
    private readonly record struct Probe(sbyte[] Query, byte[] QueryAbs, float Scale);

    private VectorHit[] SearchLocked(Probe probe, int k, VectorFilter? filter)
    {
        var count = _count;
        if (count == 0)
        {
            return [];
        }

        ObjectDisposedException.ThrowIf(_native.IsClosed, this);
        var hasColumns = filter is not null && filter.HasMetadataConditions;
        ColumnRowFilter? columns = null;
        if (hasColumns)
        {
            if (!TryResolve(filter!, out var resolved))
            {
                return [];
            }

            columns = resolved;
        }

        int[]? excluded = null;
        try
        {
            var excludedCount = 0;
            if (filter?.ExcludeIds is { Count: > 0 } excludeIds)
            {
                excluded = ArrayPool<int>.Shared.Rent(excludeIds.Count);
                foreach (var id in excludeIds)
                {
                    if (id is not null && _rowsById.TryGetValue(id, out var row))
                    {
                        excluded[excludedCount++] = row;
                    }
                }

                Array.Sort(excluded, 0, excludedCount);
            }

            var rowFilter = new GraphFilter(columns, excluded, excludedCount);
            if (probe.Scale == 0f)
            {
                // A zero query has no direction for the graph to follow; the exact scan scores every row 0.
                return ScanAll(probe, k, rowFilter, count);
            }

            if (!hasColumns && excludedCount == 0)
            {
                return GraphSearch(probe, k, null);
            }

            if (hasColumns && SelectiveRows(filter!) is { } rows)
            {
                return ScanRows(probe, k, rowFilter, rows);
            }

            var hits = GraphSearch(probe, k, rowFilter);
            // The walk gives up after its expansion budget; a filter that few rows pass can leave it short, and then
            // only a scan knows whether more pass.
            return hits.Length >= Math.Min(k, count) ? hits : ScanAll(probe, k, rowFilter, count);
        }
        finally
        {
            if (excluded is not null)
            {
                ArrayPool<int>.Shared.Return(excluded);
            }
        }
    }

    /// <summary>
    /// The rows a category or brand filter can pass, when they number at most <see cref="VectorIndexOptions.ExactScanBelow"/>:
    /// the brand's list, or the union of the lists of the categories under the filter's path. Null when too many.
    /// </summary>
    private List<int>? SelectiveRows(VectorFilter filter)
    {
        var limit = _options.ExactScanBelow;
        if (!string.IsNullOrWhiteSpace(filter.Brand) && _brandIds.TryGetValue(filter.Brand.Trim(), out var brandId)
            && _rowsByBrand.CountOf(brandId) <= limit)
        {
            return [.. _rowsByBrand.Rows(brandId)];
        }

        if (string.IsNullOrWhiteSpace(filter.Category))
        {
            return null;
        }

        var matches = _categories.Matches(filter.Category);
        var total = 0;
        for (var id = 0; id < matches.Length; id++)
        {
            if (matches[id] && (total += _rowsByCategory.CountOf(id)) > limit)
            {
                return null;
            }
        }

        var rows = new List<int>(total);
        for (var id = 0; id < matches.Length; id++)
        {
            if (matches[id])
            {
                rows.AddRange(_rowsByCategory.Rows(id));
            }
        }

        return rows;
    }

    private unsafe VectorHit[] GraphSearch(Probe probe, int k, GraphFilter? filter)
    {
        var count = (int)Math.Min(Math.Max(Math.Max((long)k * CandidatesPerResult, MinCandidates), _expansionSearch), _count);
        var keys = ArrayPool<ulong>.Shared.Rent(count);
        var distances = ArrayPool<float>.Shared.Rent(count);
        var handle = filter is null ? default : GCHandle.Alloc(filter);
        _nativeGate.Wait();
        try
        {
            nuint found;
            nint error;
            fixed (sbyte* query = probe.Query)
            fixed (ulong* keysPointer = keys)
            fixed (float* distancesPointer = distances)
            {
                var index = _native.DangerousGetHandle();
                found = filter is null
                    ? USearchNative.Search(index, query, USearchNative.ScalarInt8, (nuint)count, keysPointer, distancesPointer, out error)
                    : USearchNative.FilteredSearch(index, query, USearchNative.ScalarInt8, (nuint)count,
                        GraphFilter.Callback, GCHandle.ToIntPtr(handle), keysPointer, distancesPointer, out error);
            }

            USearchNative.Check(error, "search");
            var rows = new int[(int)found];
            for (var i = 0; i < rows.Length; i++)
            {
                rows[i] = (int)keys[i];
            }

            return Rank(probe, rows, k);
        }
        finally
        {
            _nativeGate.Release();
            if (handle.IsAllocated)
            {
                handle.Free();
            }

            ArrayPool<float>.Shared.Return(distances);
            ArrayPool<ulong>.Shared.Return(keys);
        }
    }

    private VectorHit[] ScanAll(Probe probe, int k, GraphFilter filter, int count)
    {
        var rows = new List<int>();
        for (var row = 0; row < count; row++)
        {
            rows.Add(row);
        }

        return ScanRows(probe, k, filter, rows);
    }

    /// <summary>Exact int8 scores of <paramref name="rows"/> that pass <paramref name="filter"/>; the best k.</summary>
    private VectorHit[] ScanRows(Probe probe, int k, GraphFilter filter, List<int> rows)
    {
        var capacity = Math.Min(k, rows.Count);
        if (capacity == 0)
        {
            return [];
        }

        var scores = ArrayPool<float>.Shared.Rent(capacity);
        var kept = ArrayPool<int>.Shared.Rent(capacity);
        try
        {
            var top = new TopCandidates(scores.AsSpan(0, capacity), kept.AsSpan(0, capacity));
            var q = probe.Query.AsSpan(0, _stride);
            var qAbs = probe.QueryAbs.AsSpan(0, _stride);
            Span<sbyte> stored = stackalloc sbyte[_stride];
            foreach (var row in rows)
            {
                if (filter.Passes(row) && ReadStored(row, stored))
                {
                    top.Offer(Int8DotProduct.Dot(qAbs, q, stored) * _scales[row], row);
                }
            }

            return Rank(probe, top.Rows.ToArray(), k);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(kept);
            ArrayPool<float>.Shared.Return(scores);
        }
    }

    /// <summary>Scores rows from the stored int8 vectors and orders them best first, ties by row (insertion order).</summary>
    private VectorHit[] Rank(Probe probe, int[] rows, int k)
    {
        var q = probe.Query.AsSpan(0, _stride);
        var qAbs = probe.QueryAbs.AsSpan(0, _stride);
        var scored = new (float Score, int Row)[rows.Length];
        Span<sbyte> stored = stackalloc sbyte[_stride];
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            ReadStored(row, stored);
            var dot = Int8DotProduct.Dot(qAbs, q, stored);
            scored[i] = (dot * _scales[row] * probe.Scale, row);
        }

        Array.Sort(scored, static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Row.CompareTo(b.Row));
        var hits = new VectorHit[Math.Min(k, scored.Length)];
        for (var i = 0; i < hits.Length; i++)
        {
            hits[i] = new VectorHit(_ids[scored[i].Row], scored[i].Score);
        }

        return hits;
    }

    private unsafe void AddToGraph(List<(int Row, bool Existed, sbyte[] Vector)> changed)
    {
        if (changed.Count == 0)
        {
            return;
        }

        var index = _native.DangerousGetHandle();
        foreach (var (row, existed, _) in changed)
        {
            if (existed)
            {
                // USearch keeps one vector per key: a moved vector leaves its old node before the new one joins.
                USearchNative.Remove(index, (ulong)row, out var error);
                USearchNative.Check(error, "remove");
            }
        }

        // Inserting is a graph search per row; USearch lets that many run at once, one per thread context.
        Parallel.For(0, changed.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Min(_threadContexts, Environment.ProcessorCount) }, i =>
        {
            var (row, _, vector) = changed[i];
            fixed (sbyte* pointer = vector)
            {
                USearchNative.Add(index, (ulong)row, pointer, USearchNative.ScalarInt8, out var error);
                USearchNative.Check(error, "add");
            }
        });
    }

    private void WriteMetadata(int row, VectorMetadata metadata, bool existed)
    {
        var categoryId = _categories.Intern(metadata.Category);
        var brandId = BrandId(metadata.Brand);
        _rowsByCategory.Move(row, existed ? _categoryIds[row] : null, categoryId);
        _rowsByBrand.Move(row, existed ? _rowBrandIds[row] : null, brandId);
        _categoryIds[row] = categoryId;
        _rowBrandIds[row] = brandId;
        _prices[row] = metadata.Price ?? double.NaN;
        _inStock[row] = metadata.InStock;
        _genders[row] = metadata.Genders;
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

    private void EnsureCapacity(int rows)
    {
        if (rows <= _scales.Length)
        {
            return;
        }

        var capacity = Math.Max(rows, _scales.Length * 2);
        Array.Resize(ref _scales, capacity);
        Array.Resize(ref _ids, capacity);
        Array.Resize(ref _categoryIds, capacity);
        Array.Resize(ref _rowBrandIds, capacity);
        Array.Resize(ref _prices, capacity);
        Array.Resize(ref _inStock, capacity);
        Array.Resize(ref _genders, capacity);
        ReserveNative(capacity);
    }

    /// <summary>Copies the graph's int8 vector of <paramref name="row"/> (the padding stays zero); false when absent.</summary>
    private unsafe bool ReadStored(int row, Span<sbyte> destination)
    {
        fixed (sbyte* pointer = destination)
        {
            var found = USearchNative.Get(_native.DangerousGetHandle(), (ulong)row, 1, pointer, USearchNative.ScalarInt8, out var error);
            USearchNative.Check(error, "get");
            return found > 0;
        }
    }

    private void ReserveNative(int capacity)
    {
        var index = _native.DangerousGetHandle();
        USearchNative.Reserve(index, (nuint)capacity, out var error);
        USearchNative.Check(error, "reserve");
        // Reserving sizes the thread contexts to the hardware; the gate above lets more callers in than that.
        USearchNative.ChangeThreadsAdd(index, (nuint)_threadContexts, out error);
        USearchNative.Check(error, "change_threads_add");
        USearchNative.ChangeThreadsSearch(index, (nuint)_threadContexts, out error);
        USearchNative.Check(error, "change_threads_search");
    }
}
