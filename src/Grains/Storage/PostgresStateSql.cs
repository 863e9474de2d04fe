namespace Aisle.Storage;

/// <summary>
/// The statements of <see cref="PostgresGrainStorage"/>. The table and <c>aisle_write_state</c> come from the silo's
/// schema script <c>003-grain-state.sql</c> (<c>dotnet run --project src/Silo -- schema apply</c>).
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

    public const string ReadAll = """
        SELECT grain_key, version, payload FROM aisle_grain_state
        WHERE state_name = $1 AND payload IS NOT NULL
        """;

    public const string ReadAllOfType = """
        SELECT grain_key, version, payload FROM aisle_grain_state
        WHERE state_name = $1 AND grain_type = $2 AND payload IS NOT NULL
        """;
}
