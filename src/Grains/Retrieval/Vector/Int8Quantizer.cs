using System.Numerics.Tensors;

namespace Aisle.Retrieval.Vector;

/// <summary>
/// Symmetric int8 quantisation with one scale per vector: <c>x ≈ q · scale</c>, q in [-127, 127]. A per-vector
/// scale keeps the full int8 range for every row, which ranks better than one global scale when rows differ in
/// their largest component.
/// </summary>
public static class Int8Quantizer
{
    /// <summary>Quantises <paramref name="source"/> into <paramref name="destination"/> (extra destination bytes are zeroed) and returns the scale.</summary>
    public static float Quantize(ReadOnlySpan<float> source, Span<sbyte> destination)
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException("Destination is shorter than the source.", nameof(destination));
        }

        // MaxMagnitude returns the signed component, not its magnitude.
        var maxAbs = source.IsEmpty ? 0f : Math.Abs(TensorPrimitives.MaxMagnitude(source));
        if (!(maxAbs > 0f) || !float.IsFinite(maxAbs))
        {
            destination.Clear();
            return 0f;
        }

        var inverse = 127f / maxAbs;
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = (sbyte)Math.Clamp((int)MathF.Round(source[i] * inverse), -127, 127);
        }

        destination[source.Length..].Clear();
        return maxAbs / 127f;
    }
}
