using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Aisle.Embeddings;

/// <summary>Embeddings from a service speaking OpenAI's <c>/v1/embeddings</c> protocol, through Microsoft.Extensions.AI.OpenAI.</summary>
public static class OpenAIEmbeddings
{
    /// <summary>The generator for <paramref name="options"/>, and the model it is.</summary>
    /// <exception cref="InvalidOperationException">No key in the environment variable the options name.</exception>
    public static (IEmbeddingGenerator<string, Embedding<float>> Generator, EmbeddingModel Model) Create(EmbeddingsOptions options)
    {
        var key = Environment.GetEnvironmentVariable(options.ApiKeyVariable);
        if (string.IsNullOrEmpty(key))
        {
            // A misconfiguration, said at start: without it every product and search would fail to embed.
            throw new InvalidOperationException(
                $"{EmbeddingsOptions.Section}:Provider is {options.Provider} but the environment variable {options.ApiKeyVariable} holds no key " +
                "(for a service without authentication, set it to any value).");
        }

        var endpoint = new Uri(options.Endpoint);
        var client = new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions
        {
            Endpoint = endpoint,
            // The client's own retries with backoff: a catalog batch that meets a 429 or a 5xx is worth repeating.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 3),
            NetworkTimeout = TimeSpan.FromMilliseconds(options.TimeoutMs),
        });
        var generator = client.GetEmbeddingClient(options.Model).AsIEmbeddingGenerator(options.Dimensions);
        var model = new EmbeddingModel($"openai@{endpoint.Authority}", options.Model, options.Dimensions, TimeSpan.FromMilliseconds(options.QueryBudgetMs));
        return (generator, model);
    }
}
