using Aisle.Retrieval;

namespace Aisle.Tests.Retrieval;

/// <summary>The vector store contract against the exact in-process index (int8 scan, float re-score).</summary>
public sealed class EmbeddedVectorStoreContractTests : VectorStoreContractTests
{
    protected override Task<IVectorIndex> OpenAsync(int dimensions) => Task.FromResult<IVectorIndex>(new EmbeddedVectorIndex(dimensions, 16));
}
