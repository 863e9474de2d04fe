namespace Aisle.Embeddings;

/// <summary>Where embeddings are computed.</summary>
public enum EmbeddingProvider
{
    /// <summary>all-MiniLM-L6-v2 in-process (<see cref="MiniLmEmbeddingGenerator"/>): no service, no key.</summary>
    MiniLm = 0,

    /// <summary>A service speaking OpenAI's <c>/v1/embeddings</c> protocol (<see cref="OpenAIEmbeddings"/>).</summary>
    OpenAI = 1,
}
