using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aisle.Embeddings;

/// <summary>Wires the embedding model chosen by <c>Aisle:Embeddings:Provider</c>.</summary>
public static class EmbeddingServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/> and the <see cref="EmbeddingModel"/> it is: MiniLM
    /// in-process by default, with single queries batched on threads of their own (<see cref="BatchingEmbeddingGenerator"/>);
    /// or a remote OpenAI-compatible service, called directly (its calls wait on the network, not on a core, so there
    /// is nothing to batch onto threads).
    /// </summary>
    public static IServiceCollection AddAisleEmbeddings(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(EmbeddingsOptions.Section).Get<EmbeddingsOptions>() ?? new EmbeddingsOptions();
        if (options.Provider == EmbeddingProvider.OpenAI)
        {
            var (generator, model) = OpenAIEmbeddings.Create(options);
            services.AddSingleton(model);
            services.AddSingleton(generator);
            return services;
        }

        services.AddSingleton(EmbeddingModel.MiniLm);
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(_ => new BatchingEmbeddingGenerator(new MiniLmEmbeddingGenerator()));
        return services;
    }
}
