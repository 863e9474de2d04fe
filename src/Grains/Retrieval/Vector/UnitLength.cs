using System.Numerics.Tensors;

namespace Aisle.Retrieval.Vector;

/// <summary>Scaling to unit length, as both vector indexes store and search: cosine becomes a dot product.</summary>
public static class UnitLength
{
    /// <summary>Writes <paramref name="source"/> divided by its <paramref name="norm"/> into
    /// <paramref name="destination"/>; a zero vector stays zero.</summary>
    public static void Normalise(ReadOnlySpan<float> source, float norm, Span<float> destination)
    {
        if (norm > 0f)
        {
            TensorPrimitives.Divide(source, norm, destination);
        }
        else
        {
            destination.Clear();
        }
    }
}
