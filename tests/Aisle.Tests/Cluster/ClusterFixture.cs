using System.Net;
using Aisle.Storage;
using Aisle.Tests.Api;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Aisle.Tests.Cluster;

/// <summary>
/// A real Aisle cluster shared by the cluster tests: a fresh PostgreSQL database, two silo processes (the silo
/// applies the schema at start), a cluster-mode frontend on real Kestrel, and an Orleans client of the test's own
/// to look inside. Tests may kill or stop silos; they leave two running silos behind (<see cref="EnsureTwoSilosAsync"/>).
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly string _frontendData = Path.Combine(Path.GetTempPath(), "aisle-cluster-frontend-" + Guid.NewGuid().ToString("N"));
    private IHost? _client;

    public string ConnectionString { get; private set; } = "";

    /// <summary>Unique per fixture, so leftovers of another run never join this cluster.</summary>
    public string ClusterId { get; } = "test-" + Guid.NewGuid().ToString("N")[..8];

    public SiloProcess[] Silos { get; } = new SiloProcess[2];

    public AisleApp Frontend { get; private set; } = null!;

    public HttpClient Http => Frontend.Client;

    public IClusterClient Client => _client!.Services.GetRequiredService<IClusterClient>();

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync("aisle_cluster");
        // One after the other: on a clean machine the first start embeds the catalog into the shared cache.
        Silos[0] = await SiloProcess.StartAsync("silo1", ConnectionString, ClusterId);
        Silos[1] = await SiloProcess.StartAsync("silo2", ConnectionString, ClusterId);
        Frontend = await StartFrontendAsync(_frontendData);
        await StartClientAsync();
    }

    /// <summary>Another cluster-mode frontend of this cluster, with extra settings (e.g. a low rate limit).</summary>
    public Task<AisleApp> StartFrontendAsync(string dataDirectory, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Aisle:Mode"] = "Cluster",
            ["ConnectionStrings:Aisle"] = ConnectionString,
            ["Aisle:Cluster:ClusterId"] = ClusterId,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return AisleApp.StartAsync(dataDirectory, all);
    }

    /// <summary>Restarts every silo that is not running (same name and ports) and waits until the frontend answers.</summary>
    public async Task EnsureTwoSilosAsync()
    {
        for (var i = 0; i < Silos.Length; i++)
        {
            if (!Silos[i].Running)
            {
                var dead = Silos[i];
                Silos[i] = await dead.RestartAsync(ConnectionString, ClusterId);
                await dead.DisposeAsync();
            }
        }

        await WaitForFrontendAsync();
    }

    /// <summary>A fresh Orleans client (after a full restart the old one may still hold dead gateways).</summary>
    public async Task StartClientAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Aisle"] = ConnectionString,
            ["Aisle:Cluster:ClusterId"] = ClusterId,
        });
        var settings = PostgresClusterSettings.Require(builder.Configuration);
        builder.UseOrleansClient(client => client.UsePostgresClustering(settings));
        _client = builder.Build();
        await _client.StartAsync();
    }

    public async Task WaitForFrontendAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await Http.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("The cluster-mode frontend did not become ready again within 2 minutes.");
    }

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }

        if (Frontend is not null)
        {
            await Frontend.DisposeAsync();
        }

        foreach (var silo in Silos)
        {
            if (silo is not null)
            {
                await silo.DisposeAsync();
            }
        }

        if (ConnectionString.Length > 0)
        {
            await TestPostgres.DropDatabaseAsync(ConnectionString);
        }

        if (Directory.Exists(_frontendData))
        {
            Directory.Delete(_frontendData, recursive: true);
        }
    }
}

/// <summary>
/// Cluster tests run one after another on one cluster: they kill and restart its silos, and two cores cannot host
/// several clusters at once. They also run after every other collection, not beside them: the failover test measures
/// how fast requests recover, and CPU-heavy tests (the encoder's, the approximate index's) running beside it starved
/// its load generator on two cores (808 of ~1,500 requests made, a 12.5 s "gap").
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Aisle cluster";
}
