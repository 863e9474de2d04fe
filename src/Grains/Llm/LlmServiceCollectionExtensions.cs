using System.ClientModel;
using System.ClientModel.Primitives;
using Aisle.Query;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;

namespace Aisle.Llm;

/// <summary>Wires the model seam: Grok (any OpenAI-compatible endpoint) when a key is in the environment, else nothing.</summary>
public static class LlmServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="LlmOptions"/> and, when <see cref="LlmOptions.ApiKey"/> finds a key, an <see cref="IChatClient"/>
    /// for <see cref="LlmOptions.Endpoint"/>, the model understanding in front of the rules and the model's complements for
    /// "complete the look". Without a key nothing else is registered: searches are understood by the rules alone and
    /// "complete the look" has co-interaction candidates only.
    /// </summary>
    public static IServiceCollection AddAisleLlm(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(LlmOptions.Section);
        services.AddOptions<LlmOptions>().Bind(section);
        services.AddSingleton<QueryInterpretationPrompts>();
        services.AddSingleton<ComplementsPrompts>();
        var options = section.Get<LlmOptions>() ?? new LlmOptions();
        if (options.ApiKey() is not { } key)
        {
            return services;
        }

        services.AddSingleton(_ => ChatClient(options, key));
        services.AddSingleton<IQueryUnderstandingFactory, LlmUnderstandingFactory>();
        services.AddSingleton<IComplementProposals, LlmComplementProposals>();
        return services;
    }

    private static IChatClient ChatClient(LlmOptions options, string key)
    {
        var client = new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions
        {
            Endpoint = new Uri(options.Endpoint),
            // No retries: a retry after a 429 or 5xx could only land after the search stopped waiting, and the circuit
            // breaker, not a retry loop, is what answers a struggling provider.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = options.CallTimeout,
        });
        return client.GetChatClient(options.Model).AsIChatClient();
    }
}
