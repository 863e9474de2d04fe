using System.Buffers;
using System.Numerics.Tensors;

namespace Aisle.Retrieval.Vector;

/// <summary>
/// A search query as both vector indexes scan it: checked, normalised to unit length (a zero query stays zero), and
/// quantised to int8 with its absolute values, in buffers rented from the shared pool for the search's duration.
/// </summary>
public readonly struct QueryVector : IDisposable
{
    private readonly float[] _normalised;
    private readonly int _dimensions;
    private readonly int _stride;

    private QueryVector(float[] normalised, sbyte[] int8, byte[] int8Abs, float scale, int dimensions, int stride)
    {
        _normalised = normalised;
        Int8Buffer = int8;
        Int8AbsBuffer = int8Abs;
        Scale = scale;
        _dimensions = dimensions;
        _stride = stride;
    }

    /// <summary>The checks every vector index makes on a search: a positive k, the index's length, finite components.
    /// Returns the query's norm.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is not positive.</exception>
    /// <exception cref="ArgumentException">The query's length differs from <paramref name="dimensions"/> or it has non-finite components.</exception>
    public static float Check(ReadOnlySpan<float> query, int k, int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        if (query.Length != dimensions)
        {
            throw new ArgumentException($"The query has {query.Length} dimensions; the index has {dimensions}.", nameof(query));
        }

        var norm = TensorPrimitives.Norm(query);
        if (!float.IsFinite(norm))
        {
            throw new ArgumentException("The query has non-finite components.", nameof(query));
        }

        return norm;
    }

    /// <inheritdoc cref="Check"/>
    public static QueryVector Prepare(ReadOnlySpan<float> query, int k, int dimensions, int stride)
    {
        var norm = Check(query, k, dimensions);
        var normalised = ArrayPool<float>.Shared.Rent(dimensions);
        var int8 = ArrayPool<sbyte>.Shared.Rent(stride);
        var int8Abs = ArrayPool<byte>.Shared.Rent(stride);
        UnitLength.Normalise(query, norm, normalised.AsSpan(0, dimensions));

        var scale = Int8Quantizer.Quantize(normalised.AsSpan(0, dimensions), int8.AsSpan(0, stride));
        Int8DotProduct.Abs(int8.AsSpan(0, stride), int8Abs.AsSpan(0, stride));
        return new QueryVector(normalised, int8, int8Abs, scale, dimensions, stride);
    }

    /// <summary>The unit-length query, for float re-scoring.</summary>
    public ReadOnlySpan<float> Normalised => _normalised.AsSpan(0, _dimensions);

    /// <summary>The int8 query (padded to the index's stride).</summary>
    public ReadOnlySpan<sbyte> Int8 => Int8Buffer.AsSpan(0, _stride);

    /// <summary>Absolute values of <see cref="Int8"/>, as the int8 dot product takes them.</summary>
    public ReadOnlySpan<byte> Int8Abs => Int8AbsBuffer.AsSpan(0, _stride);

    /// <summary>The rented arrays behind <see cref="Int8"/> and <see cref="Int8Abs"/> (longer than the stride), for
    /// callers that keep them beyond a span's scope.</summary>
    public sbyte[] Int8Buffer { get; }

    public byte[] Int8AbsBuffer { get; }

    /// <summary>The quantisation scale of <see cref="Int8"/>.</summary>
    public float Scale { get; }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(Int8AbsBuffer);
        ArrayPool<sbyte>.Shared.Return(Int8Buffer);
        ArrayPool<float>.Shared.Return(_normalised);
    }
}
