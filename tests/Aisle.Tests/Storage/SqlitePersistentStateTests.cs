using Aisle.Storage;
using Orleans.TestingHost;

namespace Aisle.Tests.Storage;

/// <summary>The SQLite storage behind <c>[PersistentState]</c> in a real (in-process) silo.</summary>
public sealed class SqlitePersistentStateTests : IDisposable
{
    public const string StorageName = "aisle-test";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "aisle-silo-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task PersistentStateSurvivesDeactivationAndSiloRestart()
    {
        var path = Path.Combine(_directory, "grains.db");
        ProbeReading afterReactivation;
        Guid firstActivation;
        await using (var cluster = await StartClusterAsync(path))
        {
            var grain = cluster.Client.GetGrain<IStorageProbeGrain>("sku-42");
            var fresh = await grain.ReadAsync();
            await grain.SetAsync("persisted");
            firstActivation = (await grain.ReadAsync()).Activation;

            await cluster.DeactivateAsync(grain);
            afterReactivation = await grain.ReadAsync();

            Assert.False(fresh.RecordExists);
            Assert.Null(fresh.Value);
        }

        await using (var restarted = await StartClusterAsync(path))
        {
            var afterRestart = await restarted.Client.GetGrain<IStorageProbeGrain>("sku-42").ReadAsync();

            Assert.NotEqual(firstActivation, afterReactivation.Activation);
            Assert.Equal("persisted", afterReactivation.Value);
            Assert.True(afterRestart.RecordExists);
            Assert.Equal("persisted", afterRestart.Value);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static async Task<InProcessTestCluster> StartClusterAsync(string path)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddSqliteGrainStorage(StorageName, options => options.DataSource = path));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
