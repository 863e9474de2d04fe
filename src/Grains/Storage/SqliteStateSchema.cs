using Microsoft.Data.Sqlite;

namespace Aisle.Storage;

/// <summary>Table layout, SQL and connection setup shared by the writer and the readers.</summary>
/// <remarks>
/// One row per (state name, grain type, grain key). The key is split from the grain type so a warm-up scan can
/// return primary keys directly and filter by grain type. <c>version</c> only grows, also across clears: a cleared
/// state keeps its row as a tombstone (payload NULL) so a writer holding an etag from before the clear cannot
/// succeed after the state is written again (no ABA on a restarted counter).
/// </remarks>
internal static class SqliteStateSchema
{
    public const string CreateTable = """
        CREATE TABLE IF NOT EXISTS grain_state (
            state_name   TEXT    NOT NULL,
            grain_type   TEXT    NOT NULL,
            grain_key    TEXT    NOT NULL,
            version      INTEGER NOT NULL,
            payload      BLOB,
            modified_utc INTEGER NOT NULL,
            PRIMARY KEY (state_name, grain_type, grain_key)
        );
        CREATE TABLE IF NOT EXISTS outbox (
            source  TEXT    NOT NULL,
            seq     INTEGER NOT NULL,
            payload BLOB    NOT NULL,
            PRIMARY KEY (source, seq)
        );
        """;

    /// <summary>An outbox record of an applied write, in the write's transaction; one already there is kept.</summary>
    public const string AppendOutbox = "INSERT OR IGNORE INTO outbox (source, seq, payload) VALUES ($source, $seq, $payload)";

    public const string OutboxSources = "SELECT DISTINCT source FROM outbox";

    public const string ReadOutbox = "SELECT seq, payload FROM outbox WHERE source = $source AND seq > $after ORDER BY seq LIMIT $limit";

    public const string DeleteOutbox = "DELETE FROM outbox WHERE source = $source AND seq <= $through";

    public const string ReadOne = """
        SELECT version, payload FROM grain_state
        WHERE state_name = $state AND grain_type = $type AND grain_key = $key
        """;

    public const string ReadAll = """
        SELECT grain_key, version, payload FROM grain_state
        WHERE state_name = $state AND payload IS NOT NULL
        """;

    public const string ReadAllOfType = """
        SELECT grain_key, version, payload FROM grain_state
        WHERE state_name = $state AND grain_type = $type AND payload IS NOT NULL
        """;

    /// <summary>Write expecting no live state: inserts, or revives a tombstone; returns nothing when a live row exists.</summary>
    public const string Insert = """
        INSERT INTO grain_state (state_name, grain_type, grain_key, version, payload, modified_utc)
        VALUES ($state, $type, $key, 1, $payload, $now)
        ON CONFLICT (state_name, grain_type, grain_key) DO UPDATE
            SET version = grain_state.version + 1, payload = excluded.payload, modified_utc = excluded.modified_utc
            WHERE grain_state.payload IS NULL
        RETURNING version
        """;

    /// <summary>Write expecting a live state at <c>$version</c>; returns nothing on mismatch.</summary>
    public const string Update = """
        UPDATE grain_state SET version = version + 1, payload = $payload, modified_utc = $now
        WHERE state_name = $state AND grain_type = $type AND grain_key = $key
          AND version = $version AND payload IS NOT NULL
        RETURNING version
        """;

    /// <summary>Clear expecting a live state at <c>$version</c>: leaves a tombstone; returns nothing on mismatch.</summary>
    public const string Clear = """
        UPDATE grain_state SET version = version + 1, payload = NULL, modified_utc = $now
        WHERE state_name = $state AND grain_type = $type AND grain_key = $key
          AND version = $version AND payload IS NOT NULL
        RETURNING version
        """;

    public const string LiveVersion = """
        SELECT version FROM grain_state
        WHERE state_name = $state AND grain_type = $type AND grain_key = $key AND payload IS NOT NULL
        """;

    /// <summary>Opens a connection to <paramref name="path"/> with the settings every Aisle connection uses.</summary>
    public static SqliteConnection Open(string path)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            // The storage keeps its own connections for its whole life; a process-wide pool would only keep
            // handles (and the WAL file) open after disposal.
            Pooling = false,
        }.ToString();

        var connection = new SqliteConnection(connectionString);
        connection.Open();
        // WAL lets readers run beside the single writer; NORMAL skips the fsync per commit (a power loss can lose
        // the last commits, never corrupt the file). busy_timeout covers a second process on the same file.
        Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000;");
        return connection;
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
