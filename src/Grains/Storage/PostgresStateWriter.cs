using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Aisle.Storage;

/// <summary>
/// Group commit for PostgreSQL: changes from all grains of this silo are queued, and a few writer loops each take
/// whatever is queued (up to a batch) and commit it as one transaction in one round trip.
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

    /// <summary>One transaction: every change goes out in one batch (one round trip, BEGIN included), then COMMIT.
    /// Outcomes are handed back only after COMMIT returned, i.e. once the changes are durable.</summary>
    private async Task<StateChangeOutcome[]> CommitAsync(IReadOnlyList<StateChange> changes)
    {
        await using var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var change in changes)
        {
            var command = new NpgsqlBatchCommand(PostgresStateSql.Write);
            command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = change.StateName });
            command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = change.GrainType });
            command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = change.GrainKey });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea, Value = (object?)change.Payload ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = (object?)change.ExpectedVersion ?? DBNull.Value });
            batch.BatchCommands.Add(command);
        }

        var outcomes = new StateChangeOutcome[changes.Count];
        await using (var rows = await batch.ExecuteReaderAsync().ConfigureAwait(false))
        {
            await ReadOutcomesAsync(rows, outcomes).ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        return outcomes;
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
