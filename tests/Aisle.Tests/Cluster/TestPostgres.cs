using System.Diagnostics;
using Aisle.Tests.Catalog;
using Npgsql;

namespace Aisle.Tests.Cluster;

/// <summary>
/// The PostgreSQL server of the cluster and storage tests: the connection string in <c>AISLE_TEST_POSTGRES</c>
/// (CI starts the server with <c>scripts/ci/postgres.sh</c> and exports it); without it, the tests start one with
/// that same script. They never skip: no PostgreSQL means a failed test.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "AISLE_TEST_POSTGRES";

    private static readonly Lazy<string> Server = new(FindOrStartServer);

    /// <summary>Creates an empty database for one fixture and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)];
        await using var connection = new NpgsqlConnection(Server.Value);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(Server.Value) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing what still uses it.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Server.Value);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static string FindOrStartServer()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
        {
            return configured;
        }

        // Same script as CI, on its own directory and port so it never meets a developer's cluster.
        var script = Path.Combine(RepoFiles.Root, "scripts", "ci", "postgres.sh");
        var start = new ProcessStartInfo("bash", [script, "start", Path.Combine(Path.GetTempPath(), "aisle-test-pg"), "55439"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"No PostgreSQL for the tests: {Variable} is not set and {script} failed ({process.ExitCode}): {errors}");
        }

        return output.Trim().Split('\n')[^1];
    }
}
