using Aisle.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Storage;

namespace Aisle.Tests.Storage;

/// <summary>A damaged or foreign grain storage file stops the start with an error naming it, never a wrong answer.</summary>
public sealed class SqliteDamagedFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("aisle-damaged").FullName;

    private string DatabasePath => Path.Combine(_directory, "grains.db");

    private readonly List<IHost> _hosts = [];

    private SqliteGrainStorage Storage()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo => silo.UseLocalhostClustering().AddSqliteGrainStorage("aisle", o => o.DataSource = DatabasePath));
        var host = builder.Build();
        _hosts.Add(host);
        return (SqliteGrainStorage)host.Services.GetRequiredKeyedService<IGrainStorage>("aisle");
    }

    [Fact]
    public void AFileThatIsNotADatabaseIsRefusedByName()
    {
        File.WriteAllBytes(DatabasePath, Enumerable.Range(0, 8192).Select(i => (byte)(i * 31)).ToArray());
        var storage = Storage();

        var error = Assert.Throws<InvalidDataException>(storage.Initialize);

        Assert.Contains(DatabasePath, error.Message);
        Assert.Contains("move it aside", error.Message);
    }

    [Fact]
    public async Task ADatabaseWithDamagedPagesIsRefusedByName()
    {
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=false"))
        {
            connection.Open();
            await using var fill = connection.CreateCommand();
            fill.CommandText = """
                CREATE TABLE grain_state (state_name TEXT NOT NULL, grain_type TEXT NOT NULL, grain_key TEXT NOT NULL,
                    version INTEGER NOT NULL, payload BLOB, modified_utc INTEGER NOT NULL,
                    PRIMARY KEY (state_name, grain_type, grain_key));
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
                INSERT INTO grain_state SELECT 's', 'user', 'u' || i, 1, randomblob(3000), 0 FROM n;
                """;
            fill.ExecuteNonQuery();
        }

        // Scribble over the middle of the file, where table and index pages are.
        var bytes = await File.ReadAllBytesAsync(DatabasePath);
        for (var i = bytes.Length / 3; i < bytes.Length / 3 + 4096; i++)
        {
            bytes[i] = 0x5A;
        }

        await File.WriteAllBytesAsync(DatabasePath, bytes);
        var damaged = Storage();

        var error = Assert.Throws<InvalidDataException>(damaged.Initialize);

        Assert.Contains(DatabasePath, error.Message);
    }

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
