using System.Numerics.Tensors;

namespace Aisle.Retrieval.Vector;

/// <summary>The checks every vector index makes on an upsert batch before touching anything, so a bad document
/// leaves the index as it was.</summary>
public static class UpsertBatch
{
    /// <exception cref="ArgumentException">Too many documents, a null document, a missing id or metadata, a vector
    /// of another length than <paramref name="dimensions"/>, or non-finite components.</exception>
    public static void Validate(IReadOnlyList<VectorDocument> documents, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (documents.Count > IVectorIndex.MaxUpsertBatch)
        {
            throw new ArgumentException($"At most {IVectorIndex.MaxUpsertBatch} documents per upsert; got {documents.Count}.", nameof(documents));
        }

        for (var i = 0; i < documents.Count; i++)
        {
            var document = documents[i] ?? throw new ArgumentException($"Document {i} is null.", nameof(documents));
            if (string.IsNullOrEmpty(document.Id))
            {
                throw new ArgumentException($"Document {i} has no id.", nameof(documents));
            }

            if (document.Metadata is null)
            {
                throw new ArgumentException($"Document '{document.Id}' has no metadata.", nameof(documents));
            }

            if (document.Vector.Length != dimensions)
            {
                throw new ArgumentException($"Document '{document.Id}' has {document.Vector.Length} dimensions; the index has {dimensions}.", nameof(documents));
            }

            if (!float.IsFinite(TensorPrimitives.Norm(document.Vector.Span)))
            {
                throw new ArgumentException($"Document '{document.Id}' has non-finite components.", nameof(documents));
            }
        }
    }
}
