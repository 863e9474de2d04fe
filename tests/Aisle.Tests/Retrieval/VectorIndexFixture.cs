using Aisle.Retrieval;

namespace Aisle.Tests.Retrieval;

/// <summary>One 5k × 384 clustered index shared by the read-only vector tests.</summary>
public sealed class VectorIndexFixture
{
    public VectorIndexFixture()
    {
        Data = VectorTestData.Create(5000);
        Index = Data.BuildIndex();
    }

    internal VectorTestData Data { get; }

    public EmbeddedVectorIndex Index { get; }
}
