using System.Collections.Concurrent;
using Aisle.Observability;
using Microsoft.Extensions.AI;

namespace Aisle.Ranking;

/// <summary>
/// Embeds search texts with a bounded cache per normalised text: storefront queries repeat heavily, and a cache
/// hit costs microseconds where the model costs milliseconds.
/// </summary>
/// <param name="budget">How long a search waits for a remote model (<see cref="TimeoutException"/> after it); null for
/// the in-process model, which cannot be slow for reasons of its own.</param>
public sealed class QueryEmbedder(IEmbeddingGenerator<string, Embedding<float>> generator, TimeSpan? budget = null)
{
    public const int MaxEntries = 20_000;
    private readonly ConcurrentDictionary<string, float[]> _cache = new(StringComparer.Ordinal);

    public async ValueTask<float[]> EmbedAsync(string text, CancellationToken cancellationToken = default)
    {
        var key = Normalise(text);
        if (_cache.TryGetValue(key, out var cached))
        {
            AisleMetrics.QueryEmbeddingCache.WithLabels("hit").Inc();
            return cached;
        }

        AisleMetrics.QueryEmbeddingCache.WithLabels("miss").Inc();
        var call = generator.GenerateAsync([key], cancellationToken: cancellationToken);
        var embeddings = budget is { } wait ? await call.WaitAsync(wait, cancellationToken) : await call;
        var vector = embeddings[0].Vector.ToArray();
        if (_cache.Count >= MaxEntries)
        {
            // Crude but bounded: dropping everything at once is cheaper than tracking recency on every hit.
            _cache.Clear();
        }

        _cache[key] = vector;
        return vector;
    }

    public static string Normalise(string text) =>
        string.Join(' ', text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
