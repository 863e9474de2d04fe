using Aisle.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Storage;

namespace Aisle.Tests.Storage;

/// <summary>
/// The contract suite against <see cref="SqliteGrainStorage"/> on a temp file. The storage is resolved from a
/// (not started) silo host, so the registration and the silo's default serializer are what is tested.
/// </summary>
public sealed class SqliteGrainStorageTests : GrainStorageContractTests
{
    private const string StorageName = "contract";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "aisle-storage-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<IGrainStorage, IHost> _hosts = [];

    // A directory that does not exist yet: the storage must create it.
    private string DatabasePath => Path.Combine(_directory, "nested", "grains.db");

    protected override Task<IGrainStorage> OpenStorageAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo => silo.UseLocalhostClustering().AddSqliteGrainStorage(StorageName, options => options.DataSource = DatabasePath));
        var host = builder.Build();
        var storage = host.Services.GetRequiredKeyedService<IGrainStorage>(StorageName);
        _hosts.Add(storage, host);
        return Task.FromResult(storage);
    }

    protected override async ValueTask CloseStorageAsync(IGrainStorage storage)
    {
        _hosts.Remove(storage, out var host);
        if (host is IAsyncDisposable asyncHost)
        {
            await asyncHost.DisposeAsync();
        }
        else
        {
            host?.Dispose();
        }
    }

    protected override IGrainStateReader ReaderOf(IGrainStorage storage) =>
        _hosts[storage].Services.GetRequiredKeyedService<IGrainStateReader>(StorageName);

    protected override IOutboxLog OutboxOf(IGrainStorage storage) =>
        _hosts[storage].Services.GetRequiredKeyedService<IOutboxLog>(StorageName);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task DefaultRegistrationServesUnnamedGrainStorage()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo => silo.UseLocalhostClustering().AddSqliteGrainStorageAsDefault(options => options.DataSource = DatabasePath));
        using var host = builder.Build();

        var unnamed = host.Services.GetRequiredService<IGrainStorage>();

        Assert.IsType<SqliteGrainStorage>(unnamed);
        Assert.Same(unnamed, host.Services.GetRequiredKeyedService<IGrainStorage>("Default"));
    }
}
