using System.Text;

namespace Aisle.Embeddings;

/// <summary>
/// The embedding model in use, as the rest of the silo needs to know it: the vector index is made for its
/// <see cref="Dimensions"/>, and the embedding cache on disk is named for provider and model, so switching models
/// never reads another model's vectors.
/// </summary>
/// <param name="Provider">Who computes the vectors: <c>minilm</c>, or <c>openai@{host}</c> for a remote service.</param>
/// <param name="QueryBudget">How long a search waits for its query's embedding; null for the in-process model.</param>
public sealed record EmbeddingModel(string Provider, string Model, int Dimensions, TimeSpan? QueryBudget)
{
    /// <summary>MiniLM in-process, the default.</summary>
    public static EmbeddingModel MiniLm { get; } = new("minilm", MiniLmEmbeddingGenerator.ModelId, MiniLmEmbeddingGenerator.Dimensions, null);

    /// <summary>
    /// The embedding cache's file name. MiniLM keeps the name it always had (<c>embeddings-all-MiniLM-L6-v2.v3.bin</c>),
    /// so existing caches stay valid; a remote model's names the provider, its host, the model and the dimensions.
    /// </summary>
    public string CacheFileName => EmbeddingCache.FileName(this == MiniLm ? Model : Safe($"{Provider}-{Model}-{Dimensions}"));

    private static string Safe(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        return builder.ToString();
    }
}
