using System.Diagnostics;
using System.Net;
using Aisle.Observability;
using Aisle.Tests.Api;
using Xunit.Abstractions;

namespace Aisle.Tests.Embeddings;

/// <summary>The whole app with a remote embedding service (the stand-in) on a small catalog: the catalog and the
/// searches are embedded through it, search works end to end, and a failing service leaves search to the words.</summary>
[Collection(ApiCollection.Name)]
public sealed class RemoteEmbeddingsApiTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>The bundled 1k-product file: small enough to embed through the stand-in at every run.</summary>
    private const string SmallCatalog = "data/flipkart/catalog_1k_fullcols.csv";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "aisle-remote-embeddings-" + Guid.NewGuid().ToString("N"));
    private readonly string _keyVariable = "AISLE_TEST_EMBEDDINGS_KEY_" + Guid.NewGuid().ToString("N");
    private EmbeddingsStandIn _standIn = null!;
    private AisleApp _app = null!;
    private double _startSeconds;

    public async Task InitializeAsync()
    {
        _standIn = await EmbeddingsStandIn.StartAsync();
        Environment.SetEnvironmentVariable(_keyVariable, "sk-test-embeddings");
        var settings = RemoteEmbeddingsTests.Settings(_standIn, _keyVariable);
        settings["Aisle:CatalogFile"] = SmallCatalog;
        // A cache of its own: the shared one holds MiniLM's vectors of the 20k catalog, and this run must embed remotely.
        settings["Aisle:EmbeddingCacheDirectory"] = _dataDirectory;
        var started = Stopwatch.GetTimestamp();
        _app = await AisleApp.StartAsync(_dataDirectory, settings);
        _startSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _standIn.DisposeAsync();
        Environment.SetEnvironmentVariable(_keyVariable, null);
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task TheCatalogAndTheSearchesAreEmbeddedThroughTheService()
    {
        var catalogRequests = _standIn.Requests.Count;
        var embedded = _standIn.Embedded;
        output.WriteLine($"start with the catalog embedded remotely: {_startSeconds:F1} s, {embedded} texts in {catalogRequests} requests");
        Assert.True(embedded >= 900, $"the catalog should be embedded through the service, {embedded} texts were");
        Assert.All(_standIn.Requests, r => Assert.Equal(64, r.Dimensions));
        Assert.True(File.Exists(Path.Combine(_dataDirectory, "embeddings-openai_" + new Uri(_standIn.Endpoint).Authority.Replace(':', '_')
            + "-text-embedding-stand-in-64.v3.bin")), "the vectors should be cached under the remote model's name");

        var started = Stopwatch.GetTimestamp();
        var search = await _app.Client.GetListAsync("/api/search?q=analog+watch&limit=10");
        var searchMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        output.WriteLine($"search with its query embedded remotely: {searchMs:F0} ms");

        Assert.Contains(_standIn.Requests, r => r.Inputs.SequenceEqual(["analog watch"]));
        Assert.Contains(search.Items, i => i.Sources.Contains("vector"));
        Assert.All(search.Items.Take(5), i => Assert.Contains("watch", i.Name, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ASearchWhileTheServiceFailsIsRankedByItsWords()
    {
        // A first search while the service works, so the figure below is the failure's cost, not the process's warm-up.
        await _app.Client.GetListAsync("/api/search?q=cotton+shirt&limit=10");
        _standIn.FailWith = HttpStatusCode.ServiceUnavailable;
        var before = AisleMetrics.QueryEmbeddingFallbacks.Value;

        var started = Stopwatch.GetTimestamp();
        using var response = await _app.Client.GetAsync("/api/search?q=cotton+kurta&limit=10");
        output.WriteLine($"search while the service fails: {(int)response.StatusCode} in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = await _app.Client.GetListAsync("/api/search?q=cotton+kurta&limit=10");
        Assert.NotEmpty(list.Items);
        Assert.DoesNotContain(list.Items, i => i.Sources.Contains("vector"));
        Assert.True(AisleMetrics.QueryEmbeddingFallbacks.Value >= before + 1);
    }
}
