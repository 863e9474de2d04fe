using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Aisle.Storage;

/// <summary>
/// Orleans grain storage in PostgreSQL: the grain state of an Aisle cluster, shared by every silo. Same contract as
/// <see cref="SqliteGrainStorage"/> (one row per state name and grain, version etags that only grow, tombstones on
/// clear); writes of all grains of this silo are group-committed by <see cref="PostgresStateWriter"/>, and point reads are
/// batched by <see cref="PostgresStateReader"/>.
/// </summary>
/// <remarks>The table is created by the silo's schema scripts, not here: a silo should not need DDL rights.</remarks>
public sealed class PostgresGrainStorage
    : IGrainStorage, IGrainStateReader, IOutboxLog, ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable, IDisposable
{
    private readonly string _name;
    private readonly StoredStateCodec _codec;
    private readonly ILogger<PostgresGrainStorage> _logger;
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresStateWriter _writer;
    private readonly PostgresStateReader _reader;
    private int _disposed;

    /// <summary>Creates the provider; connections open on first use.</summary>
    public PostgresGrainStorage(
        string name,
        PostgresGrainStorageOptions options,
        IGrainStorageSerializer defaultSerializer,
        IActivatorProvider activators,
        ILogger<PostgresGrainStorage> logger)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new ArgumentException($"Grain storage '{name}': {nameof(PostgresGrainStorageOptions.ConnectionString)} is required.", nameof(options));
        }

        _name = name;
        _codec = new StoredStateCodec(name, options.GrainStorageSerializer ?? defaultSerializer, activators);
        _logger = logger;
        _dataSource = NpgsqlDataSource.Create(WithTimeouts(options.ConnectionString));
        _writer = new PostgresStateWriter(_dataSource, options.Writers, options.MaxBatch, logger);
        _reader = new PostgresStateReader(_dataSource, options.Readers, logger);
    }

    /// <inheritdoc/>
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(PostgresGrainStorage)}-{_name}", ServiceLifecycleStage.ApplicationServices, async cancellation =>
        {
            // Fail the silo start on a bad connection string or a missing schema, not on the first activation.
            await using var connection = await _dataSource.OpenConnectionAsync(cancellation);
            await using var probe = new NpgsqlCommand("SELECT count(*) FROM aisle_grain_state WHERE false", connection);
            await probe.ExecuteScalarAsync(cancellation);
            _logger.LogInformation("Grain storage {Name} uses PostgreSQL {Host}:{Port}/{Database}", _name, connection.Host, connection.Port, connection.Database);
        });

    /// <summary>
    /// Seconds to open a connection (or wait for a pooled one) when the connection string does not say (Npgsql's
    /// <c>Timeout</c>, default 15): a PostgreSQL that is down or unreachable is then reported in seconds, not after the
    /// writes queued behind it waited a quarter of a minute each. Not lower: on a starved machine (load average 50 on
    /// two cores) opening a connection has been seen to take seconds, and a refused connection fails at once anyway.
    /// Statements keep Npgsql's 30 s command timeout: a commit of a large group under such load takes seconds, and
    /// the request waiting for it is bounded by the frontend's budget, not by this.
    /// </summary>
    public const int DefaultConnectTimeoutSeconds = 5;

    /// <inheritdoc/>
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        (long Version, byte[] Payload)? stored;
        try
        {
            stored = await _reader.ReadAsync(stateName, _codec.GrainTypeName(grainId), grainId.Key.ToString()!).ConfigureAwait(false);
        }
        catch (Exception error) when (Unavailable(error))
        {
            throw Translate(error, "read");
        }

        if (stored is { } row)
        {
            grainState.State = _codec.Deserialize<T>(row.Payload);
            grainState.ETag = StoredStateCodec.FormatEtag(row.Version);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = _codec.CreateDefault<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
    }

    /// <inheritdoc/>
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        try
        {
            await _codec.WriteAsync(_writer.SubmitAsync, stateName, grainId, grainState).ConfigureAwait(false);
        }
        catch (Exception error) when (Unavailable(error))
        {
            throw Translate(error, "write");
        }
    }

    /// <inheritdoc/>
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        try
        {
            await _codec.ClearAsync(_writer.SubmitAsync, stateName, grainId, grainState).ConfigureAwait(false);
        }
        catch (Exception error) when (Unavailable(error))
        {
            throw Translate(error, "write");
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<StoredGrainState<T>> ReadAllAsync<T>(
        string stateName, string? grainType = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(grainType is null ? PostgresStateSql.ReadAll : PostgresStateSql.ReadAllOfType);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stateName });
        if (grainType is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainType });
        }

        await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var state = _codec.Deserialize<T>(rows.GetFieldValue<byte[]>(2));
            yield return new StoredGrainState<T>(rows.GetString(0), state, StoredStateCodec.FormatEtag(rows.GetInt64(1)));
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<string>> SourcesAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(PostgresStateSql.OutboxSources);
        await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var sources = new List<string>();
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            sources.Add(rows.GetString(0));
        }

        return sources;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<OutboxRecord>> ReadAsync(string source, long afterSequence, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(PostgresStateSql.ReadOutbox);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = source });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterSequence });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<OutboxRecord>();
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(new OutboxRecord(source, rows.GetInt64(0), rows.GetFieldValue<byte[]>(1)));
        }

        return records;
    }

    /// <inheritdoc/>
    public async Task DeleteThroughAsync(string source, long throughSequence, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(PostgresStateSql.DeleteOutbox);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = source });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = throughSequence });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The connection string with <see cref="DefaultConnectTimeoutSeconds"/> where it does not set a connect timeout
    /// (any spelling Npgsql accepts counts as set).
    /// </summary>
    internal static string WithTimeouts(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.ContainsKey("Timeout") || given.ContainsKey("Connect Timeout") || given.ContainsKey("Connection Timeout"))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { Timeout = DefaultConnectTimeoutSeconds }.ConnectionString;
    }

    /// <summary>
    /// Errors that say the database cannot be reached now, rather than that the request was wrong: network errors,
    /// timeouts, a server shutting down or refusing connections (Npgsql marks these transient), and a write queued
    /// after the storage closed (a silo shutting down).
    /// </summary>
    internal static bool Unavailable(Exception error) => error switch
    {
        NpgsqlException npgsql => npgsql.IsTransient,
        TimeoutException or ObjectDisposedException or System.Net.Sockets.SocketException or IOException => true,
        _ => false,
    };

    private StorageUnavailableException Translate(Exception error, string operation)
    {
        // A warning, not an error: it is expected while PostgreSQL restarts, and the caller is told to retry.
        _logger.LogWarning("Grain storage {Name}: PostgreSQL unavailable for a {Operation}: {Reason}", _name, operation, error.Message);
        return new StorageUnavailableException($"Grain state storage is unavailable ({operation}): {error.Message}");
    }

    /// <summary>Applies the queued writes, then closes the connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _writer.DisposeAsync().ConfigureAwait(false);
        await _reader.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
