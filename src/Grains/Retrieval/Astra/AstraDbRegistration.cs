using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Aisle.Retrieval.Astra;

/// <summary>Wires the AstraDB store: options, two resilient HTTP clients (searches and writes), the client, the index.</summary>
public static class AstraDbRegistration
{
    public const string SearchClient = "aisle-astra-search";
    public const string WriteClient = "aisle-astra-write";

    /// <summary>True when <c>Aisle:Vectors:Store</c> names AstraDB.</summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        Enum.TryParse<VectorStore>(configuration[$"{VectorIndexOptions.Section}:Store"], ignoreCase: true, out var store) && store == VectorStore.AstraDb;

    /// <summary>
    /// The AstraDB client and index. Searches get a budget a page can afford (<see cref="AstraDbOptions.SearchTimeoutMs"/>
    /// overall, <see cref="AstraDbOptions.SearchAttemptTimeoutMs"/> per attempt); writes get long ones. Both retry 429,
    /// 5xx, transport failures and attempt timeouts with exponential backoff and jitter, honouring Retry-After.
    /// </summary>
    public static IServiceCollection AddAstraDbVectorStore(this IServiceCollection services, IConfiguration configuration)
    {
        // A host configured for AstraDB without an endpoint or a token refuses to start, naming what is missing, rather
        // than serving searches that could never reach the store.
        services.AddOptions<AstraDbOptions>().Bind(configuration.GetSection(AstraDbOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Endpoint), $"{AstraDbOptions.Section}:Endpoint must be set when {VectorIndexOptions.Section}:Store is AstraDb.")
            .ValidateOnStart();
        services.AddHostedService<AstraDbTokenCheck>();
        AddClient(services, SearchClient, o => (o.SearchTimeoutMs, o.SearchAttemptTimeoutMs));
        AddClient(services, WriteClient, o => (o.WriteTimeoutMs, o.WriteAttemptTimeoutMs));
        services.AddSingleton(sp =>
        {
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            return new DataApiClient(factory.CreateClient(SearchClient), factory.CreateClient(WriteClient), sp.GetRequiredService<IOptions<AstraDbOptions>>().Value);
        });
        services.AddSingleton<AstraVectorIndex>();
        services.AddSingleton<AstraIngest>();
        return services;
    }

    private static void AddClient(IServiceCollection services, string name, Func<AstraDbOptions, (int Total, int Attempt)> timeouts)
    {
        services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan)
            // The client is held for the process's life; connections are recycled instead, so DNS changes are seen.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddResilienceHandler(name, (builder, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<AstraDbOptions>>().Value;
                var (total, attempt) = timeouts(options);
                builder.AddTimeout(TimeSpan.FromMilliseconds(total));
                if (options.MaxRetries > 0)
                {
                    builder.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.MaxRetries,
                        Delay = TimeSpan.FromMilliseconds(Math.Max(1, options.RetryDelayMs)),
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                    });
                }

                builder.AddTimeout(TimeSpan.FromMilliseconds(attempt));
            });
    }
}
