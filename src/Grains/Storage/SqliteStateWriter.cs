using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Aisle.Storage;

/// <summary>
/// The only writer of one database file: changes from all grains are queued and applied by one loop on one
/// connection, many per transaction (group commit).
/// </summary>
/// <remarks>
/// SQLite allows one writer at a time; many writer connections would just queue on the file lock (and fail with
/// "database is locked" once busy_timeout runs out). One loop never contends, and while a batch commits the next
/// one fills, so hundreds of concurrent writers cost a few commits instead of hundreds.
/// </remarks>
internal sealed class SqliteStateWriter : IAsyncDisposable
{
    private const int MaxBatch = 256;

    private readonly Channel<StateChange> _queue = Channel.CreateUnbounded<StateChange>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });
    private readonly SqliteConnection _connection;
    private readonly ILogger _logger;
    private readonly Statement _insert;
    private readonly Statement _update;
    private readonly Statement _clear;
    private readonly Statement _liveVersion;
    private readonly Statement[] _statements;
    private readonly SqliteCommand _appendOutbox;
    private readonly StateChangeOutcome[] _outcomes = new StateChangeOutcome[MaxBatch];
    private readonly Task _loop;

    public SqliteStateWriter(SqliteConnection connection, ILogger logger)
    {
        _connection = connection;
        _logger = logger;
        _insert = Prepare(SqliteStateSchema.Insert, withPayload: true, withVersion: false);
        _update = Prepare(SqliteStateSchema.Update, withPayload: true, withVersion: true);
        _clear = Prepare(SqliteStateSchema.Clear, withPayload: false, withVersion: true);
        _liveVersion = Prepare(SqliteStateSchema.LiveVersion, withPayload: false, withVersion: false);
        _statements = [_insert, _update, _clear, _liveVersion];
        _appendOutbox = connection.CreateCommand();
        _appendOutbox.CommandText = SqliteStateSchema.AppendOutbox;
        _appendOutbox.Parameters.Add("$source", SqliteType.Text);
        _appendOutbox.Parameters.Add("$seq", SqliteType.Integer);
        _appendOutbox.Parameters.Add("$payload", SqliteType.Blob);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues a change; the task completes once the transaction holding it has committed.</summary>
    public Task<StateChangeOutcome> SubmitAsync(StateChange change)
    {
        if (!_queue.Writer.TryWrite(change))
        {
            throw new ObjectDisposedException(nameof(SqliteGrainStorage));
        }

        return change.Completion.Task;
    }

    /// <summary>Stops taking changes, applies the queued ones, then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        foreach (var statement in _statements)
        {
            statement.Command.Dispose();
        }

        _appendOutbox.Dispose();
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<StateChange>(MaxBatch);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var change))
            {
                batch.Add(change);
            }

            try
            {
                CommitBatch(batch);
            }
            catch (Exception batchError)
            {
                // One bad change must not fail the others: retry each alone so only the culprit sees the error.
                _logger.LogWarning(batchError, "SQLite batch of {Count} changes failed; retrying one by one", batch.Count);
                CommitEachAlone(batch);
            }

            batch.Clear();
        }
    }

    private void CommitBatch(List<StateChange> batch)
    {
        using (var transaction = _connection.BeginTransaction())
        {
            Enlist(transaction);
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            for (var i = 0; i < batch.Count; i++)
            {
                _outcomes[i] = Apply(batch[i], now);
            }

            transaction.Commit();
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Completion.TrySetResult(_outcomes[i]);
        }
    }

    private void CommitEachAlone(List<StateChange> batch)
    {
        foreach (var change in batch)
        {
            try
            {
                StateChangeOutcome outcome;
                using (var transaction = _connection.BeginTransaction())
                {
                    Enlist(transaction);
                    outcome = Apply(change, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                    transaction.Commit();
                }

                change.Completion.TrySetResult(outcome);
            }
            catch (Exception error)
            {
                change.Completion.TrySetException(error);
            }
        }
    }

    private StateChangeOutcome Apply(StateChange change, long now)
    {
        if (change.Payload is null && change.ExpectedVersion is null)
        {
            // Clearing a state the caller believes absent succeeds only if it really is absent.
            var live = Scalar(_liveVersion, change, now);
            return live is null ? new StateChangeOutcome(true, 0, null) : new StateChangeOutcome(false, 0, live);
        }

        var statement = change.Payload is null ? _clear : change.ExpectedVersion is null ? _insert : _update;
        var version = Scalar(statement, change, now);
        if (version is not long applied)
        {
            return new StateChangeOutcome(false, 0, Scalar(_liveVersion, change, now));
        }

        if (change.Outbox is { } record)
        {
            _appendOutbox.Parameters["$source"].Value = record.Source;
            _appendOutbox.Parameters["$seq"].Value = record.Sequence;
            _appendOutbox.Parameters["$payload"].Value = record.Payload;
            _appendOutbox.ExecuteNonQuery();
        }

        return new StateChangeOutcome(true, applied, null);
    }

    private static long? Scalar(Statement statement, StateChange change, long now)
    {
        statement.State.Value = change.StateName;
        statement.Type.Value = change.GrainType;
        statement.Key.Value = change.GrainKey;
        statement.Now.Value = now;
        statement.Payload?.Value = change.Payload;
        statement.Version?.Value = change.ExpectedVersion ?? StateChange.UnknownVersion;
        return statement.Command.ExecuteScalar() is long value ? value : null;
    }

    private void Enlist(SqliteTransaction transaction)
    {
        foreach (var statement in _statements)
        {
            statement.Command.Transaction = transaction;
        }

        _appendOutbox.Transaction = transaction;
    }

    private Statement Prepare(string sql, bool withPayload, bool withVersion)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        var parameters = command.Parameters;
        // SQLite ignores a named parameter the statement does not use, so $now can always be bound.
        return new Statement(
            command,
            parameters.Add("$state", SqliteType.Text),
            parameters.Add("$type", SqliteType.Text),
            parameters.Add("$key", SqliteType.Text),
            parameters.Add("$now", SqliteType.Integer),
            withPayload ? parameters.Add("$payload", SqliteType.Blob) : null,
            withVersion ? parameters.Add("$version", SqliteType.Integer) : null);
    }

    /// <summary>A command prepared once, with its parameters kept to be rebound per change.</summary>
    private sealed record Statement(
        SqliteCommand Command,
        SqliteParameter State,
        SqliteParameter Type,
        SqliteParameter Key,
        SqliteParameter Now,
        SqliteParameter? Payload,
        SqliteParameter? Version);
}
