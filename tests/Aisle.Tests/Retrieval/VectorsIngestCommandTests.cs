using Aisle.Cli;
using Aisle.Embeddings;
using Aisle.Tests.Api;
using Aisle.Tests.Catalog;
using Aisle.Tests.Retrieval.AstraStandIn;
using Microsoft.Extensions.Configuration;

namespace Aisle.Tests.Retrieval;

/// <summary><c>aisle vectors-ingest</c> against the stand-in, on the bundled 1k catalog: writes it, a rerun writes
/// nothing, and a missing endpoint or token is a usage error, not a crash.</summary>
public sealed class VectorsIngestCommandTests : IAsyncLifetime
{
    private readonly string _cache = Path.Combine(Path.GetTempPath(), "aisle-ingest-cli-" + Guid.NewGuid().ToString("N"));
    private DataApiStandIn _standIn = null!;

    public async Task InitializeAsync()
    {
        _standIn = await DataApiStandIn.StartAsync();
        Directory.CreateDirectory(_cache);
        // A copy of the shared cache: the cache file is rewritten with the texts of the catalog it served.
        var shared = Path.Combine(AisleApp.EmbeddingCache, EmbeddingCache.FileName(MiniLmEmbeddingGenerator.ModelId));
        if (File.Exists(shared))
        {
            File.Copy(shared, Path.Combine(_cache, Path.GetFileName(shared)));
        }
    }

    public async Task DisposeAsync()
    {
        await _standIn.DisposeAsync();
        Directory.Delete(_cache, recursive: true);
    }

    [Fact]
    public async Task IngestsTheCatalogOnceAndARerunWritesNothing()
    {
        Environment.SetEnvironmentVariable(AstraTestClient.TokenVariable, _standIn.Token);
        var configuration = Configuration(_standIn.Endpoint, AstraTestClient.TokenVariable);

        Assert.Equal(0, await VectorsIngestCommand.RunAsync(configuration, showProgress: false, default));
        var stored = _standIn.Collection("default_keyspace", "cli_products")!.Count;
        var inserts = _standIn.CountOf("insertMany");
        Assert.Equal(0, await VectorsIngestCommand.RunAsync(configuration, showProgress: false, default));

        Assert.InRange(stored, 900, 1000);
        Assert.Equal(inserts, _standIn.CountOf("insertMany"));
    }

    [Fact]
    public async Task WithoutEndpointOrTokenItSaysWhatIsMissing()
    {
        Assert.Equal(2, await VectorsIngestCommand.RunAsync(Configuration(null, AstraTestClient.TokenVariable), showProgress: false, default));
        Assert.Equal(2, await VectorsIngestCommand.RunAsync(Configuration(_standIn.Endpoint, "AISLE_TEST_NO_SUCH_TOKEN"), showProgress: false, default));
    }

    private IConfiguration Configuration(string? endpoint, string tokenVariable) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Aisle:CatalogFile"] = RepoFiles.CatalogFullColumns,
        ["Aisle:EmbeddingCacheDirectory"] = _cache,
        ["Aisle:AstraDb:Endpoint"] = endpoint,
        ["Aisle:AstraDb:Collection"] = "cli_products",
        ["Aisle:AstraDb:TokenVariable"] = tokenVariable,
        ["Aisle:AstraDb:Dimensions"] = "384",
        // Two loaded cores: the command's defaults are for a real store, this proves what it writes.
        ["Aisle:AstraDb:WriteAttemptTimeoutMs"] = "60000",
        ["Aisle:AstraDb:WriteTimeoutMs"] = "300000",
    }).Build();
}
