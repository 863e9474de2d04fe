using System.Numerics.Tensors;
using Aisle.Retrieval.Vector;

namespace Aisle.Benchmarks;

/// <summary>Reference scans for the kNN benchmarks: exact float32 and int8-only, both over normalised rows.</summary>
internal sealed class KnnExact
{
    private readonly float[] _matrix;
    private readonly sbyte[] _quantized;
    private readonly float[] _scales;
    private readonly int _stride;

    public KnnExact(float[][] rows)
    {
        Count = rows.Length;
        _stride = Int8DotProduct.PaddedLength(KnnData.Dimensions);
        _matrix = new float[rows.Length * KnnData.Dimensions];
        _quantized = new sbyte[rows.Length * _stride];
        _scales = new float[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var row = _matrix.AsSpan(i * KnnData.Dimensions, KnnData.Dimensions);
            Normalise(rows[i], row);
            _scales[i] = Int8Quantizer.Quantize(row, _quantized.AsSpan(i * _stride, _stride));
        }
    }

    public int Count { get; }

    public static float[] Normalise(float[] vector)
    {
        var copy = new float[vector.Length];
        Normalise(vector, copy);
        return copy;
    }

    /// <summary>Top k rows by float32 dot with the (normalised) query; <paramref name="passes"/> filters rows.</summary>
    public int[] Float32(ReadOnlySpan<float> query, int k, Func<int, bool>? passes = null)
    {
        Span<float> bestScores = stackalloc float[k];
        Span<int> bestRows = stackalloc int[k];
        var found = 0;
        for (var row = 0; row < Count; row++)
        {
            if (passes is not null && !passes(row))
            {
                continue;
            }

            Insert(TensorPrimitives.Dot(query, _matrix.AsSpan(row * KnnData.Dimensions, KnnData.Dimensions)), row, bestScores, bestRows, ref found);
        }

        return bestRows[..found].ToArray();
    }

    /// <summary>Float32 cosine of a (normalised) query with one row.</summary>
    public float Score(ReadOnlySpan<float> query, int row) => TensorPrimitives.Dot(query, _matrix.AsSpan(row * KnnData.Dimensions, KnnData.Dimensions));

    /// <summary>Top k rows by the int8 approximation alone, without float re-scoring.</summary>
    public int[] Int8Only(ReadOnlySpan<float> query, int k)
    {
        var q = new sbyte[_stride];
        var qAbs = new byte[_stride];
        Int8Quantizer.Quantize(query, q);
        Int8DotProduct.Abs(q, qAbs);
        Span<float> bestScores = stackalloc float[k];
        Span<int> bestRows = stackalloc int[k];
        var found = 0;
        for (var row = 0; row < Count; row++)
        {
            var score = Int8DotProduct.Dot(qAbs, q, _quantized.AsSpan(row * _stride, _stride)) * _scales[row];
            Insert(score, row, bestScores, bestRows, ref found);
        }

        return bestRows[..found].ToArray();
    }

    // Insertion into a small sorted array: fine for k = 10, and simple enough to trust as a reference.
    private static void Insert(float score, int row, Span<float> scores, Span<int> rows, ref int found)
    {
        if (found == scores.Length && score <= scores[found - 1])
        {
            return;
        }

        var at = found < scores.Length ? found++ : found - 1;
        while (at > 0 && scores[at - 1] < score)
        {
            scores[at] = scores[at - 1];
            rows[at] = rows[at - 1];
            at--;
        }

        scores[at] = score;
        rows[at] = row;
    }

    private static void Normalise(ReadOnlySpan<float> source, Span<float> destination)
    {
        var norm = TensorPrimitives.Norm(source);
        if (norm > 0)
        {
            TensorPrimitives.Divide(source, norm, destination);
        }
    }
}
