using System.Reflection;
using Npgsql;

namespace Aisle.Silo.Schema;

/// <summary>
/// Applies Aisle's PostgreSQL schema: the numbered scripts beside this file (embedded in the silo), in order, each
/// in its own transaction, recording each version in <c>aisle_schema_version</c>.
/// </summary>
/// <remarks>
/// Every script is idempotent (IF NOT EXISTS, CREATE OR REPLACE, upserts), and all of them run on every apply, so
/// applying is convergent: twice is harmless, and a database someone changed by hand is put back. A transaction-level
/// advisory lock serialises silos that start at the same moment.
/// </remarks>
public static class PostgresSchema
{
    /// <summary>Any constant shared by every Aisle silo: the advisory lock that serialises schema changes.</summary>
    private const long LockId = 0x4A15_1E_5C_4E_4DL;

    private const string VersionTable = """
        CREATE TABLE IF NOT EXISTS aisle_schema_version (
            version    integer     NOT NULL PRIMARY KEY,
            script     text        NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """;

    /// <summary>The scripts, ordered by their number prefix (<c>001-…sql</c>).</summary>
    public static IReadOnlyList<SchemaScript> Scripts { get; } = LoadScripts();

    /// <summary>Applies every script; returns the highest version now recorded.</summary>
    public static async Task<int> ApplyAsync(string connectionString, TextWriter log, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        foreach (var script in Scripts)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({LockId})", cancellationToken);
            await ExecuteAsync(connection, transaction, VersionTable, cancellationToken);
            await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
            await using (var record = new NpgsqlCommand(
                "INSERT INTO aisle_schema_version (version, script) VALUES ($1, $2) " +
                "ON CONFLICT (version) DO UPDATE SET script = excluded.script, applied_at = now()", connection, transaction))
            {
                record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = script.Version });
                record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = script.Name });
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            await log.WriteLineAsync($"Aisle schema: applied {script.Name} (version {script.Version}).");
        }

        return Scripts[^1].Version;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static SchemaScript[] LoadScripts()
    {
        var assembly = typeof(PostgresSchema).Assembly;
        const string prefix = "Aisle.Silo.Schema.";
        var scripts = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name =>
            {
                var file = name[prefix.Length..];
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                return new SchemaScript(int.Parse(file[..file.IndexOf('-')]), file, reader.ReadToEnd());
            })
            .OrderBy(script => script.Version)
            .ToArray();
        return scripts.Length > 0 ? scripts : throw new InvalidOperationException("No schema scripts are embedded in the silo.");
    }
}
