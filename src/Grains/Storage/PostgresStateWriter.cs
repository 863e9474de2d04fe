using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Aisle.Storage;

/// <summary>
/// Group commit for PostgreSQL: changes from all grains of this silo are queued, and a few writer loops each take
/// whatever is queued (up to a batch) and commit it as one transaction of a few set-based statements, outbox records
/// of the applied writes included.
/// </summary>
/// <remarks>
/// A grain's write is acknowledged only after its transaction commits (PostgreSQL's default synchronous commit, so
/// the WAL is on disk), so an event answered 2xx survives a crash of the silo. The cost of that fsync is shared by
/// every change in the batch: under load, hundreds of grain writes ride one commit instead of paying one each.
/// </remarks>
internal sealed class PostgresStateWriter : IAsyncDisposable
{
    private readonly Channel<StateChange> _queue = Channel.CreateUnbounded<StateChange>(
        new UnboundedChannelOptions { SingleReader = false, AllowSynchronousContinuations = false });
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;
    private readonly int _maxBatch;
    private readonly Task[] _loops;

    public PostgresStateWriter(NpgsqlDataSource dataSource, int writers, int maxBatch, ILogger logger)
    {
        _dataSource = dataSource;
        _logger = logger;
        _maxBatch = Math.Max(1, maxBatch);
        _loops = Enumerable.Range(0, Math.Max(1, writers)).Select(_ => Task.Run(RunAsync)).ToArray();
    }

    /// <summary>Queues a change; the task completes once the transaction holding it has committed.</summary>
    public Task<StateChangeOutcome> SubmitAsync(StateChange change)
    {
        if (!_queue.Writer.TryWrite(change))
        {
            throw new ObjectDisposedException(nameof(PostgresGrainStorage));
        }

        return change.Completion.Task;
    }

    /// <summary>Stops taking changes and applies the queued ones.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_loops).ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<StateChange>(_maxBatch);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatch && reader.TryRead(out var change))
            {
                batch.Add(change);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                var outcomes = await CommitAsync(batch).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(outcomes[i]);
                }
            }
            catch (Exception unreachable) when (PostgresGrainStorage.Unavailable(unreachable))
            {
                // The server cannot be reached: every change of the batch would fail the same way, and retrying them
                // one by one against a stalled server costs a connect timeout each. Fail them all now.
                foreach (var change in batch)
                {
                    change.Completion.TrySetException(unreachable);
                }
            }
            catch (Exception batchError) when (batch.Count > 1)
            {
                // One bad change must not fail the others: retry each alone so only the culprit sees the error.
                _logger.LogWarning(batchError, "PostgreSQL batch of {Count} changes failed; retrying one by one", batch.Count);
                foreach (var change in batch)
                {
                    try
                    {
                        change.Completion.TrySetResult((await CommitAsync([change]).ConfigureAwait(false))[0]);
                    }
                    catch (Exception error)
                    {
                        change.Completion.TrySetException(error);
                    }
                }
            }
            catch (Exception error)
            {
                batch[0].Completion.TrySetException(error);
            }

            batch.Clear();
        }
    }

    /// <summary>
    /// One transaction: writes go out as two set-based statements (updates at an expected version, first writes),
    /// which costs PostgreSQL far less than a statement per grain; clears and the writes whose version did not match
    /// are then resolved one by one. Outcomes are handed back only after COMMIT returned, i.e. once durable.
    /// </summary>
    private async Task<StateChangeOutcome[]> CommitAsync(IReadOnlyList<StateChange> changes)
    {
        await using var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        var outcomes = new StateChangeOutcome?[changes.Count];

        var updates = Enumerable.Range(0, changes.Count).Where(i => changes[i] is { Payload: not null, ExpectedVersion: not null }).ToArray();
        var inserts = Enumerable.Range(0, changes.Count).Where(i => changes[i] is { Payload: not null, ExpectedVersion: null }).ToArray();
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            if (updates.Length > 0)
            {
                var update = new NpgsqlBatchCommand(PostgresStateSql.UpdateMany);
                AddKeys(update, changes, updates);
                update.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = updates.Select(i => changes[i].ExpectedVersion!.Value).ToArray() });
                update.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer, Value = updates });
                batch.BatchCommands.Add(update);
            }

            if (inserts.Length > 0)
            {
                var insert = new NpgsqlBatchCommand(PostgresStateSql.InsertMany);
                AddKeys(insert, changes, inserts);
                batch.BatchCommands.Add(insert);
            }

            if (batch.BatchCommands.Count > 0)
            {
                await using var rows = await batch.ExecuteReaderAsync().ConfigureAwait(false);
                if (updates.Length > 0)
                {
                    while (await rows.ReadAsync().ConfigureAwait(false))
                    {
                        outcomes[rows.GetInt32(0)] = new StateChangeOutcome(true, rows.GetInt64(1), null);
                    }

                    await rows.NextResultAsync().ConfigureAwait(false);
                }

                if (inserts.Length > 0)
                {
                    // A grain has at most one write in flight, so (state, type, key) is unique within a batch.
                    var position = inserts.ToDictionary(i => (changes[i].StateName, changes[i].GrainType, changes[i].GrainKey));
                    while (await rows.ReadAsync().ConfigureAwait(false))
                    {
                        outcomes[position[(rows.GetString(0), rows.GetString(1), rows.GetString(2))]] = new StateChangeOutcome(true, rows.GetInt64(3), null);
                    }
                }
            }
        }

        // Clears, and writes that found another version: the function applies a clear or reports the live version.
        var rest = Enumerable.Range(0, changes.Count).Where(i => outcomes[i] is null).ToArray();
        if (rest.Length > 0)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var i in rest)
            {
                var change = changes[i];
                var command = new NpgsqlBatchCommand(PostgresStateSql.Write);
                command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = change.StateName });
                command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = change.GrainType });
                command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = change.GrainKey });
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea, Value = (object?)change.Payload ?? DBNull.Value });
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = (object?)change.ExpectedVersion ?? DBNull.Value });
                batch.BatchCommands.Add(command);
            }

            var resolved = new StateChangeOutcome[rest.Length];
            await using (var rows = await batch.ExecuteReaderAsync().ConfigureAwait(false))
            {
                await ReadOutcomesAsync(rows, resolved).ConfigureAwait(false);
            }

            for (var r = 0; r < rest.Length; r++)
            {
                outcomes[rest[r]] = resolved[r];
            }
        }

        await AppendOutboxAsync(connection, transaction, changes, outcomes).ConfigureAwait(false);
        await transaction.CommitAsync().ConfigureAwait(false);
        return outcomes.Select(o => o!.Value).ToArray();
    }

    /// <summary>The outbox records of the writes that were applied, in the transaction that applies them.</summary>
    private static async Task AppendOutboxAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StateChange> changes, StateChangeOutcome?[] outcomes)
    {
        var records = Enumerable.Range(0, changes.Count)
            .Where(i => changes[i].Outbox is not null && outcomes[i] is { Applied: true })
            .Select(i => changes[i].Outbox!)
            .ToArray();
        if (records.Length == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(PostgresStateSql.AppendOutbox, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = records.Select(r => r.Source).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = records.Select(r => r.Sequence).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea, Value = records.Select(r => r.Payload).ToArray() });
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private static void AddKeys(NpgsqlBatchCommand command, IReadOnlyList<StateChange> changes, int[] positions)
    {
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = positions.Select(i => changes[i].StateName).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = positions.Select(i => changes[i].GrainType).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = positions.Select(i => changes[i].GrainKey).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea, Value = positions.Select(i => changes[i].Payload!).ToArray() });
    }

    private static async Task ReadOutcomesAsync(NpgsqlDataReader rows, StateChangeOutcome[] outcomes)
    {
        for (var i = 0; i < outcomes.Length; i++)
        {
            if (i > 0 && !await rows.NextResultAsync().ConfigureAwait(false))
            {
                throw new InvalidOperationException("aisle_write_state returned fewer results than changes sent.");
            }

            if (!await rows.ReadAsync().ConfigureAwait(false))
            {
                throw new InvalidOperationException("aisle_write_state returned no row.");
            }

            var ok = rows.GetBoolean(0);
            long? version = rows.IsDBNull(1) ? null : rows.GetInt64(1);
            outcomes[i] = ok ? new StateChangeOutcome(true, version ?? 0, null) : new StateChangeOutcome(false, 0, version);
        }
    }
}
