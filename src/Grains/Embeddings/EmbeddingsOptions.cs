namespace Aisle.Embeddings;

/// <summary>
/// Which model embeds products and searches (configuration section <c>Aisle:Embeddings</c>): the in-process MiniLM by
/// default, or any service speaking OpenAI's <c>/v1/embeddings</c> protocol. The key of a remote service is read only
/// from the environment variable named by <see cref="ApiKeyVariable"/>, never from a configuration file.
/// </summary>
public sealed class EmbeddingsOptions
{
    public const string Section = "Aisle:Embeddings";

    /// <summary><see cref="EmbeddingProvider.MiniLm"/> (default) or <see cref="EmbeddingProvider.OpenAI"/>.</summary>
    public EmbeddingProvider Provider { get; set; } = EmbeddingProvider.MiniLm;

    /// <summary>OpenAI-compatible base URL (embeddings are posted to <c>{Endpoint}/embeddings</c>). Remote only.</summary>
    public string Endpoint { get; set; } = "https://api.openai.com/v1";

    /// <summary>Model name. Remote only; default <c>text-embedding-3-small</c>.</summary>
    public string Model { get; set; } = "text-embedding-3-small";

    /// <summary>Vector length asked of the service (the request's <c>dimensions</c>) and given to the vector index.
    /// Remote only; default 384, MiniLM's, so an AstraDB collection made for either fits the other.</summary>
    public int Dimensions { get; set; } = MiniLmEmbeddingGenerator.Dimensions;

    /// <summary>Environment variable that holds the service's key. Default <c>AISLE_EMBEDDINGS_API_KEY</c>.</summary>
    public string ApiKeyVariable { get; set; } = "AISLE_EMBEDDINGS_API_KEY";

    /// <summary>How long one request to the service may take (a catalog batch or a search). Default 10,000 ms.</summary>
    public int TimeoutMs { get; set; } = 10_000;

    /// <summary>The length of the vectors the configured provider returns.</summary>
    public int VectorDimensions => Provider == EmbeddingProvider.OpenAI ? Dimensions : MiniLmEmbeddingGenerator.Dimensions;

    /// <summary>How long a search waits for its query's embedding before it ranks by words alone. Default 500 ms.</summary>
    public int QueryBudgetMs { get; set; } = 500;
}
