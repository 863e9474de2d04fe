using Aisle.Retrieval.Astra;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aisle.Tests.Retrieval.AstraStandIn;

/// <summary>The AstraDB store as Aisle registers it (options, resilient HTTP clients, index), pointed at a stand-in.</summary>
public sealed class AstraTestClient : IAsyncDisposable
{
    /// <summary>Tests read the token from their own variable, so no test depends on the real one being unset.</summary>
    public const string TokenVariable = "AISLE_TEST_ASTRA_TOKEN";

    private readonly ServiceProvider _services;

    private AstraTestClient(ServiceProvider services)
    {
        _services = services;
        Index = services.GetRequiredService<AstraVectorIndex>();
    }

    public AstraVectorIndex Index { get; }

    public AstraIngest Ingest => _services.GetRequiredService<AstraIngest>();

    public IServiceProvider Services => _services;

    public static async Task<AstraTestClient> CreateAsync(DataApiStandIn standIn, int dimensions, IReadOnlyDictionary<string, string?>? settings = null, bool createCollection = true)
    {
        Environment.SetEnvironmentVariable(TokenVariable, standIn.Token);
        var values = new Dictionary<string, string?>
        {
            ["Aisle:AstraDb:Endpoint"] = standIn.Endpoint,
            ["Aisle:AstraDb:Collection"] = "products_" + Guid.NewGuid().ToString("N")[..8],
            ["Aisle:AstraDb:TokenVariable"] = TokenVariable,
            ["Aisle:AstraDb:Dimensions"] = dimensions.ToString(),
            // Fast backoff: the tests prove that retries happen, not how long they wait.
            ["Aisle:AstraDb:RetryDelayMs"] = "5",
            // Generous, for a loaded two-core test machine; the timeout tests set their own.
            ["Aisle:AstraDb:SearchTimeoutMs"] = "10000",
            ["Aisle:AstraDb:SearchAttemptTimeoutMs"] = "5000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging().AddAstraDbVectorStore(configuration).BuildServiceProvider();
        var client = new AstraTestClient(services);
        if (createCollection)
        {
            await client.Index.Client.CreateCollectionAsync(CancellationToken.None);
        }

        return client;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
