using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Aisle.Tests.Api;

/// <summary>
/// The real Aisle frontend with its embedded silo, on real Kestrel (a loopback port), on the bundled 20k catalog and
/// the real embedding model. The embedding cache is shared by every instance in a test run, so only the first
/// start embeds the catalog.
/// </summary>
public sealed class AisleApp : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key";

    /// <summary>Shared across test runs on one machine; a clean CI clone computes it once.</summary>
    public static readonly string EmbeddingCache = Path.Combine(Path.GetTempPath(), "aisle-test-embeddings");

    private readonly WebApplicationFactory<Program> _factory;

    private AisleApp(WebApplicationFactory<Program> factory, HttpClient client, string dataDirectory)
    {
        _factory = factory;
        Client = client;
        DataDirectory = dataDirectory;
    }

    public HttpClient Client { get; }

    public string DataDirectory { get; }

    public static async Task<AisleApp> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            // Port 0: the OS picks a free loopback port, so several instances can run side by side.
            web.UseUrls("http://127.0.0.1:0");
            web.UseSetting("Aisle:DataDirectory", dataDirectory);
            web.UseSetting("Aisle:EmbeddingCacheDirectory", EmbeddingCache);
            web.UseSetting("Aisle:ShowProgress", "false");
            web.UseSetting("Aisle:AdminApiKey", AdminKey);
            web.UseSetting("Aisle:SiloPort", FreePort().ToString());
            web.UseSetting("Aisle:GatewayPort", FreePort().ToString());
            // appsettings.json runs an experiment that serves half the shoppers popular items; tests that are not
            // about experiments must see the default ranking, so it is a draft unless a test says otherwise.
            web.UseSetting("Aisle:Experiments:0:Status", "draft");
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                web.UseSetting(key, value);
            }
        });
        factory.UseKestrel();
        factory.StartServer();
        var client = factory.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(30);
        await WaitUntilReadyAsync(client);
        return new AisleApp(factory, client, dataDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
    }

    private static async Task WaitUntilReadyAsync(HttpClient client)
    {
        // First start embeds 20k products (a minute or two on two cores); later starts read the cache.
        var deadline = DateTime.UtcNow.AddMinutes(6);
        while (DateTime.UtcNow < deadline)
        {
            using var response = await client.GetAsync("/health/ready");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException("Aisle did not become ready within 6 minutes.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>One running Aisle shared by the API tests of a run (they use distinct user ids).</summary>
public sealed class AisleAppFixture : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "aisle-api-" + Guid.NewGuid().ToString("N"));

    public AisleApp App { get; private set; } = null!;

    public HttpClient Client => App.Client;

    public async Task InitializeAsync() => App = await AisleApp.StartAsync(_dataDirectory);

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}

/// <summary>Tests that start Aisle run one after another: two cores cannot embed and serve twice at once.</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<AisleAppFixture>
{
    public const string Name = "Aisle API";
}
