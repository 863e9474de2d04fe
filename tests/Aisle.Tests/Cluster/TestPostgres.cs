using System.Diagnostics;
using Aisle.Tests.Catalog;
using Npgsql;

namespace Aisle.Tests.Cluster;

/// <summary>
/// The PostgreSQL server of the cluster and storage tests: the connection string in <c>AISLE_TEST_POSTGRES</c>
/// (CI starts the server with <c>scripts/ci/postgres.sh</c> and exports it); without it, the test run starts its own
/// with that same script — in a directory of its own, on a free port below the ephemeral range — and stops and
/// deletes it when the run ends. They never skip: no PostgreSQL means a failed test.
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

        // Same script as CI. A directory and port per run: two runs side by side (two checkouts) never share or stop
        // each other's server.
        var script = Path.Combine(RepoFiles.Root, "scripts", "ci", "postgres.sh");
        var directory = Path.Combine(Path.GetTempPath(), $"aisle-test-pg-{Environment.ProcessId}");
        var (exitCode, output, errors) = RunScript(script, "start", directory, FreePortBelowEphemeral().ToString());
        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                $"No PostgreSQL for the tests: {Variable} is not set and {script} failed ({exitCode}): {errors}");
        }

        // What the tests start, they stop: the server and its directory go with the test process.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            NpgsqlConnection.ClearAllPools();
            RunScript(script, "destroy", directory);
        };

        return output.Trim().Split('\n')[^1];
    }

    private static (int ExitCode, string Output, string Errors) RunScript(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [script, .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, errors.Result);
    }

    /// <summary>A free loopback port in 20000–32767: below 32768, where load generators' TIME_WAIT sockets never
    /// hold it (32768–60999 is the kernel's ephemeral range).</summary>
    internal static int FreePortBelowEphemeral()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_768);
            try
            {
                using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (System.Net.Sockets.SocketException)
            {
                // Taken: try another.
            }
        }

        throw new InvalidOperationException("No free port between 20000 and 32767.");
    }
}
