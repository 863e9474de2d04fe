namespace Aisle.Storage;

/// <summary>
/// The statements of <see cref="PostgresGrainStorage"/>. The tables and <c>aisle_write_state</c> come from the silo's
/// schema scripts <c>003-grain-state.sql</c> and <c>005-outbox.sql</c> (<c>dotnet run --project src/Silo -- schema apply</c>).
/// </summary>
internal static class PostgresStateSql
{
    /// <summary>Parameters: state, type, key, payload (NULL clears), expected version (NULL: none live).</summary>
    public const string Write = "SELECT ok, new_version FROM aisle_write_state($1, $2, $3, $4, $5)";

    /// <summary>Point reads of many states at once: parallel arrays of state names, grain types and keys; returns
    /// the 1-based position of each live state found with its version and payload.</summary>
    public const string ReadMany = """
        SELECT wanted.position, s.version, s.payload
        FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS wanted(state_name, grain_type, grain_key, position)
        JOIN aisle_grain_state s
          ON s.state_name = wanted.state_name AND s.grain_type = wanted.grain_type AND s.grain_key = wanted.grain_key
        WHERE s.payload IS NOT NULL
        """;

    /// <summary>Many writes expecting a live state at a version, in one statement (parallel arrays of state names,
    /// grain types, keys, payloads, expected versions and positions); returns the position and new version of each
    /// applied one. The ones not returned did not match and are resolved one by one with <see cref="Write"/>.</summary>
    public const string UpdateMany = """
        UPDATE aisle_grain_state s SET version = s.version + 1, payload = w.payload, modified_utc = now()
        FROM unnest($1::text[], $2::text[], $3::text[], $4::bytea[], $5::bigint[], $6::int[])
            AS w(state_name, grain_type, grain_key, payload, expected, position)
        WHERE s.state_name = w.state_name AND s.grain_type = w.grain_type AND s.grain_key = w.grain_key
          AND s.version = w.expected AND s.payload IS NOT NULL
        RETURNING w.position, s.version
        """;

    /// <summary>Many first writes (no live state expected) in one statement: inserts, or revives tombstones;
    /// returns the key and version of each applied one.</summary>
    public const string InsertMany = """
        INSERT INTO aisle_grain_state AS s (state_name, grain_type, grain_key, version, payload, modified_utc)
        SELECT w.state_name, w.grain_type, w.grain_key, 1, w.payload, now()
        FROM unnest($1::text[], $2::text[], $3::text[], $4::bytea[]) AS w(state_name, grain_type, grain_key, payload)
        ON CONFLICT (state_name, grain_type, grain_key) DO UPDATE
            SET version = s.version + 1, payload = excluded.payload, modified_utc = excluded.modified_utc
            WHERE s.payload IS NULL
        RETURNING s.state_name, s.grain_type, s.grain_key, s.version
        """;

    /// <summary>Outbox records of the applied writes of a transaction (parallel arrays of sources, sequences and
    /// payloads); a record already there (a retried batch) is left as it is.</summary>
    public const string AppendOutbox = """
        INSERT INTO aisle_outbox (source, seq, payload)
        SELECT * FROM unnest($1::text[], $2::bigint[], $3::bytea[])
        ON CONFLICT (source, seq) DO NOTHING
        """;

    public const string OutboxSources = "SELECT DISTINCT source FROM aisle_outbox";

    public const string ReadOutbox = """
        SELECT seq, payload FROM aisle_outbox WHERE source = $1 AND seq > $2 ORDER BY seq LIMIT $3
        """;

    public const string DeleteOutbox = "DELETE FROM aisle_outbox WHERE source = $1 AND seq <= $2";

    public const string ReadAll = """
        SELECT grain_key, version, payload FROM aisle_grain_state
        WHERE state_name = $1 AND payload IS NOT NULL
        """;

    public const string ReadAllOfType = """
        SELECT grain_key, version, payload FROM aisle_grain_state
        WHERE state_name = $1 AND grain_type = $2 AND payload IS NOT NULL
        """;
}
