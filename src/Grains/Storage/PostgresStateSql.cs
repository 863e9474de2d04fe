namespace Aisle.Storage;

/// <summary>
/// The statements of <see cref="PostgresGrainStorage"/>. The table and <c>aisle_write_state</c> come from the silo's
/// schema script <c>003-grain-state.sql</c> (<c>dotnet run --project src/Silo -- schema apply</c>).
/// </summary>
internal static class PostgresStateSql
{
    /// <summary>Parameters: state, type, key, payload (NULL clears), expected version (NULL: none live).</summary>
    public const string Write = "SELECT ok, new_version FROM aisle_write_state($1, $2, $3, $4, $5)";

    public const string ReadOne = """
        SELECT version, payload FROM aisle_grain_state
        WHERE state_name = $1 AND grain_type = $2 AND grain_key = $3 AND payload IS NOT NULL
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
