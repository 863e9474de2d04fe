using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Aisle.Storage;

/// <summary>
/// Orleans grain storage in a local SQLite file: the embedded default of Aisle, needing no database server.
/// One row per (state name, grain); the etag is a version number that grows with every write and clear.
/// Writes from all grains go through one writer with group commit; reads use a small pool of connections.
/// </summary>
/// <remarks>Register with <see cref="SqliteGrainStorageSiloBuilderExtensions"/>.</remarks>
public sealed class SqliteGrainStorage
    : IGrainStorage, IGrainStateReader, IOutboxLog, ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable, IDisposable
{
    private readonly string _name;
    private readonly string _path;
    private readonly StoredStateCodec _codec;
    private readonly ILogger<SqliteGrainStorage> _logger;
    private readonly Lock _initLock = new();
    private SqliteStateReaders? _readers;
    private SqliteStateWriter? _writer;
    private volatile bool _disposed;

    /// <summary>Creates the provider; the file is opened on silo start or on first use, whichever is first.</summary>
    /// <param name="name">The provider name (used in logs).</param>
    /// <param name="options">Options; <see cref="SqliteGrainStorageOptions.DataSource"/> is required.</param>
    /// <param name="defaultSerializer">Used when the options carry no serializer of their own.</param>
    /// <param name="activators">Creates the default state of a missing record.</param>
    /// <param name="logger">Logger.</param>
    public SqliteGrainStorage(
        string name,
        SqliteGrainStorageOptions options,
        IGrainStorageSerializer defaultSerializer,
        IActivatorProvider activators,
        ILogger<SqliteGrainStorage> logger)
    {
        if (string.IsNullOrWhiteSpace(options.DataSource))
        {
            throw new ArgumentException($"Grain storage '{name}': {nameof(SqliteGrainStorageOptions.DataSource)} is required.", nameof(options));
        }

        _name = name;
        _path = Path.GetFullPath(options.DataSource);
        _codec = new StoredStateCodec(name, options.GrainStorageSerializer ?? defaultSerializer, activators);
        _logger = logger;
    }

    /// <summary>Opens the file, creating its directory and table when missing. Safe to call more than once.</summary>
    public void Initialize() => EnsureOpen();

    /// <inheritdoc/>
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(SqliteGrainStorage)}-{_name}", ServiceLifecycleStage.ApplicationServices, _ =>
        {
            // Fail the silo start on a bad path instead of on the first grain activation.
            Initialize();
            return Task.CompletedTask;
        });

    /// <inheritdoc/>
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        try
        {
            var readers = EnsureOpen().Readers;
            var reader = readers.Rent();
            long version;
            byte[]? payload;
            try
            {
                reader.TryReadOne(stateName, _codec.GrainTypeName(grainId), grainId.Key.ToString(), out version, out payload);
            }
            finally
            {
                readers.Return(reader);
            }

            if (payload is null)
            {
                grainState.State = _codec.CreateDefault<T>();
                grainState.ETag = null;
                grainState.RecordExists = false;
            }
            else
            {
                grainState.State = _codec.Deserialize<T>(payload);
                grainState.ETag = StoredStateCodec.FormatEtag(version);
                grainState.RecordExists = true;
            }

            return Task.CompletedTask;
        }
        catch (Exception error)
        {
            return Task.FromException(error);
        }
    }

    /// <inheritdoc/>
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        _codec.WriteAsync(EnsureOpen().Writer.SubmitAsync, stateName, grainId, grainState);

    /// <inheritdoc/>
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        _codec.ClearAsync(EnsureOpen().Writer.SubmitAsync, stateName, grainId, grainState);

    /// <inheritdoc/>
    public async IAsyncEnumerable<StoredGrainState<T>> ReadAllAsync<T>(
        string stateName, string? grainType = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var readers = EnsureOpen().Readers;
        var reader = readers.Rent();
        try
        {
            using var command = reader.Connection.CreateCommand();
            command.CommandText = grainType is null ? SqliteStateSchema.ReadAll : SqliteStateSchema.ReadAllOfType;
            command.Parameters.AddWithValue("$state", stateName);
            if (grainType is not null)
            {
                command.Parameters.AddWithValue("$type", grainType);
            }

            // Microsoft.Data.Sqlite is synchronous underneath; the async shape lets callers stream without buffering.
            using var rows = command.ExecuteReader();
            while (rows.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var state = _codec.Deserialize<T>(rows.GetFieldValue<byte[]>(2));
                yield return new StoredGrainState<T>(rows.GetString(0), state, StoredStateCodec.FormatEtag(rows.GetInt64(1)));
            }
        }
        finally
        {
            readers.Return(reader);
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> SourcesAsync(CancellationToken cancellationToken = default) =>
        WithReader<IReadOnlyList<string>>(command =>
        {
            command.CommandText = SqliteStateSchema.OutboxSources;
            using var rows = command.ExecuteReader();
            var sources = new List<string>();
            while (rows.Read())
            {
                sources.Add(rows.GetString(0));
            }

            return sources;
        });

    /// <inheritdoc/>
    public Task<IReadOnlyList<OutboxRecord>> ReadAsync(string source, long afterSequence, int limit, CancellationToken cancellationToken = default) =>
        WithReader<IReadOnlyList<OutboxRecord>>(command =>
        {
            command.CommandText = SqliteStateSchema.ReadOutbox;
            command.Parameters.AddWithValue("$source", source);
            command.Parameters.AddWithValue("$after", afterSequence);
            command.Parameters.AddWithValue("$limit", limit);
            using var rows = command.ExecuteReader();
            var records = new List<OutboxRecord>();
            while (rows.Read())
            {
                records.Add(new OutboxRecord(source, rows.GetInt64(0), rows.GetFieldValue<byte[]>(1)));
            }

            return records;
        });

    /// <inheritdoc/>
    /// <remarks>On a read connection: SQLite's busy timeout makes it wait its turn beside the writer's loop.</remarks>
    public Task DeleteThroughAsync(string source, long throughSequence, CancellationToken cancellationToken = default) =>
        WithReader(command =>
        {
            command.CommandText = SqliteStateSchema.DeleteOutbox;
            command.Parameters.AddWithValue("$source", source);
            command.Parameters.AddWithValue("$through", throughSequence);
            return command.ExecuteNonQuery();
        });

    /// <summary>Applies the queued writes, then closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        SqliteStateWriter? writer;
        SqliteStateReaders? readers;
        lock (_initLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            writer = _writer;
            readers = _readers;
        }

        if (writer is not null)
        {
            await writer.DisposeAsync().ConfigureAwait(false);
        }

        readers?.Dispose();
    }

    /// <inheritdoc/>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// Opens the writer's connection, creating the tables, after SQLite's quick integrity check: a damaged or foreign
    /// file stops the start with an error naming it, instead of failing (or answering wrongly) grain by grain later.
    /// </summary>
    private SqliteConnection OpenChecked()
    {
        SqliteConnection? connection = null;
        try
        {
            connection = SqliteStateSchema.Open(_path);
            using (var check = connection.CreateCommand())
            {
                check.CommandText = "PRAGMA quick_check(1)";
                if (check.ExecuteScalar() is not "ok" and var problem)
                {
                    throw new InvalidDataException($"SQLite reports: {problem}");
                }
            }

            SqliteStateSchema.Execute(connection, SqliteStateSchema.CreateTable);
            return connection;
        }
        catch (Exception error) when (error is SqliteException or InvalidDataException)
        {
            connection?.Dispose();
            throw new InvalidDataException(
                $"Grain storage '{_name}': {_path} is damaged or is not an SQLite database ({error.Message}). " +
                "Restore it from a backup, or move it aside to start with no shopper or product state.", error);
        }
    }

    /// <summary>Runs <paramref name="use"/> on a pooled connection; a failure comes back as a faulted task.</summary>
    private Task<T> WithReader<T>(Func<SqliteCommand, T> use)
    {
        try
        {
            var readers = EnsureOpen().Readers;
            var reader = readers.Rent();
            try
            {
                using var command = reader.Connection.CreateCommand();
                return Task.FromResult(use(command));
            }
            finally
            {
                readers.Return(reader);
            }
        }
        catch (Exception error)
        {
            return Task.FromException<T>(error);
        }
    }

    private (SqliteStateReaders Readers, SqliteStateWriter Writer) EnsureOpen()
    {
        var readers = Volatile.Read(ref _readers);
        var writer = Volatile.Read(ref _writer);
        if (readers is not null && writer is not null && !_disposed)
        {
            return (readers, writer);
        }

        lock (_initLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_readers is null || _writer is null)
            {
                var directory = Path.GetDirectoryName(_path);
                if (!string.IsNullOrEmpty(directory))
                {
                    Directory.CreateDirectory(directory);
                }

                var connection = OpenChecked();

                _readers = new SqliteStateReaders(_path);
                _writer = new SqliteStateWriter(connection, _logger);
                _logger.LogInformation("Grain storage {Name} opened {Path}", _name, _path);
            }

            return (_readers, _writer);
        }
    }
}
