using Aisle.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aisle.Tests.Embeddings;

/// <summary><c>Aisle:Embeddings</c> chooses the model: MiniLM in-process by default, or an OpenAI-compatible service,
/// spoken to as its protocol says.</summary>
public sealed class RemoteEmbeddingsTests : IAsyncLifetime
{
    private const int Dimensions = 64;
    private readonly string _keyVariable = "AISLE_TEST_EMBEDDINGS_KEY_" + Guid.NewGuid().ToString("N");
    private EmbeddingsStandIn _standIn = null!;

    public async Task InitializeAsync() => _standIn = await EmbeddingsStandIn.StartAsync();

    public async Task DisposeAsync()
    {
        await _standIn.DisposeAsync();
        Environment.SetEnvironmentVariable(_keyVariable, null);
    }

    [Fact]
    public async Task TheServiceIsAskedWithTheModelTheInputsTheDimensionsAndTheBearerKey()
    {
        Environment.SetEnvironmentVariable(_keyVariable, "sk-test-embeddings");
        await using var services = Services(Remote());
        var generator = services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        var embeddings = await generator.GenerateAsync(["red cotton shirt", "blue denim jeans"]);

        var request = Assert.Single(_standIn.Requests);
        Assert.Equal("text-embedding-stand-in", request.Model);
        Assert.Equal(["red cotton shirt", "blue denim jeans"], request.Inputs);
        Assert.Equal(Dimensions, request.Dimensions);
        Assert.Equal("Bearer sk-test-embeddings", request.Authorization);
        Assert.Equal(EmbeddingsStandIn.Vector("red cotton shirt", Dimensions), embeddings[0].Vector.ToArray());
        Assert.Equal(EmbeddingsStandIn.Vector("blue denim jeans", Dimensions), embeddings[1].Vector.ToArray());
    }

    [Fact]
    public async Task TheModelNamesItsDimensionsAndACacheFileOfItsOwn()
    {
        Environment.SetEnvironmentVariable(_keyVariable, "sk-test-embeddings");
        await using var services = Services(Remote());

        var model = services.GetRequiredService<EmbeddingModel>();

        Assert.Equal(Dimensions, model.Dimensions);
        Assert.Equal($"openai@{new Uri(_standIn.Endpoint).Authority}", model.Provider);
        Assert.StartsWith("embeddings-openai_127.0.0.1_", model.CacheFileName, StringComparison.Ordinal);
        Assert.Contains("-text-embedding-stand-in-64.", model.CacheFileName, StringComparison.Ordinal);
        Assert.NotEqual(EmbeddingModel.MiniLm.CacheFileName, model.CacheFileName);
    }

    [Fact]
    public async Task WithNothingConfiguredMiniLmIsTheModelAndKeepsItsCacheFile()
    {
        await using var services = Services(new Dictionary<string, string?>());

        var model = services.GetRequiredService<EmbeddingModel>();

        Assert.Equal(EmbeddingModel.MiniLm, model);
        Assert.Equal(384, model.Dimensions);
        Assert.Equal("embeddings-all-MiniLM-L6-v2.v3.bin", model.CacheFileName);
        Assert.Null(model.QueryBudget);
    }

    [Fact]
    public void ARemoteModelWithoutAKeyStopsAtStart()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Services(Remote()));

        Assert.Contains(_keyVariable, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Configuration pointing Aisle at the stand-in.</summary>
    public static Dictionary<string, string?> Settings(EmbeddingsStandIn standIn, string keyVariable) => new()
    {
        ["Aisle:Embeddings:Provider"] = "OpenAI",
        ["Aisle:Embeddings:Endpoint"] = standIn.Endpoint,
        ["Aisle:Embeddings:Model"] = "text-embedding-stand-in",
        ["Aisle:Embeddings:Dimensions"] = Dimensions.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Aisle:Embeddings:ApiKeyVariable"] = keyVariable,
    };

    private Dictionary<string, string?> Remote() => Settings(_standIn, _keyVariable);

    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddAisleEmbeddings(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
}
