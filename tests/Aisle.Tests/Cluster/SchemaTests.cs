using Npgsql;

namespace Aisle.Tests.Cluster;

public sealed class SchemaTests
{
    [Fact]
    public async Task SchemaCommandAppliedTwiceSucceedsAndRecordsEveryVersionOnce()
    {
        var database = await TestPostgres.CreateDatabaseAsync("aisle_schema");
        try
        {
            var first = await SiloProcess.ApplySchemaAsync(database);
            var second = await SiloProcess.ApplySchemaAsync(database);

            Assert.True(first.ExitCode == 0, first.Output);
            Assert.True(second.ExitCode == 0, second.Output);
            Assert.Contains("005-outbox.sql", second.Output);
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            Assert.Equal(5L, await ScalarAsync(connection, "SELECT count(*) FROM aisle_schema_version"));
            Assert.Equal("l", (await ScalarAsync(connection,
                "SELECT attcompression::text FROM pg_attribute WHERE attrelid = 'aisle_grain_state'::regclass AND attname = 'payload'"))?.ToString());
            Assert.Equal(10L, await ScalarAsync(connection, "SELECT count(*) FROM OrleansQuery"));
            Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM aisle_grain_state"));
            Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM aisle_outbox"));
            Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM aisle_membership"));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
        }
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
