using Microsoft.Extensions.AI;

namespace Aisle.Cli.Scale;

/// <summary>
/// An embedding "generator" that answers from vectors already made, by text: it lets <see cref="Embeddings.EmbeddingCache"/>
/// write a derived catalog's vectors into the very cache file the app reads (so the app and the benchmark load them
/// without running the model), and read them back. A text it was not given is an error, never a silent zero vector.
/// It describes itself as the encoder that made the vectors (<paramref name="madeBy"/>), since the cache reuses only
/// vectors of the encoder the app runs.
/// </summary>
public sealed class PrecomputedEmbeddings(IReadOnlyDictionary<string, float[]> vectors, EmbeddingGeneratorMetadata madeBy)
    : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>A generator that holds nothing: reading a cache through it fails on the first text the cache lacks.</summary>
    public static PrecomputedEmbeddings None(EmbeddingGeneratorMetadata madeBy) => new(new Dictionary<string, float[]>(), madeBy);

    public EmbeddingGeneratorMetadata Metadata { get; } = madeBy;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var text in values)
        {
            if (!vectors.TryGetValue(text, out var vector))
            {
                throw new InvalidOperationException($"No precomputed embedding for \"{text}\": the cache does not match the catalog (run generate-catalog again).");
            }

            result.Add(new Embedding<float>(vector));
        }

        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }
}
