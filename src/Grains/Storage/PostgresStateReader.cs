using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Aisle.Storage;

/// <summary>
/// Batched point reads: grain activations of this silo queue their state reads, and a few reader loops answer
/// whatever is queued with one query each (keys passed as arrays).
/// </summary>
/// <remarks>
/// An activation storm — 10,000 shoppers at once, or every grain of a dead silo re-activating elsewhere — would
/// otherwise ask for 10,000 connections at once and exhaust the pool; batched, it is a few dozen queries on a few
/// connections.
/// </remarks>
internal sealed class PostgresStateReader : IAsyncDisposable
{
    private const int MaxBatch = 256;

    private readonly Channel<PendingRead> _queue = Channel.CreateUnbounded<PendingRead>(
        new UnboundedChannelOptions { SingleReader = false, AllowSynchronousContinuations = false });
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;
    private readonly Task[] _loops;

    public PostgresStateReader(NpgsqlDataSource dataSource, int readers, ILogger logger)
    {
        _dataSource = dataSource;
        _logger = logger;
        _loops = Enumerable.Range(0, Math.Max(1, readers)).Select(_ => Task.Run(RunAsync)).ToArray();
    }

    /// <summary>The stored (version, payload) of a live state, or null when there is none.</summary>
    public Task<(long Version, byte[] Payload)?> ReadAsync(string stateName, string grainType, string grainKey)
    {
        var read = new PendingRead(stateName, grainType, grainKey);
        if (!_queue.Writer.TryWrite(read))
        {
            throw new ObjectDisposedException(nameof(PostgresGrainStorage));
        }

        return read.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_loops).ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<PendingRead>(MaxBatch);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var read))
            {
                batch.Add(read);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                await ReadBatchAsync(batch).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                _logger.LogWarning(error, "PostgreSQL read of {Count} grain states failed", batch.Count);
                foreach (var read in batch)
                {
                    read.Completion.TrySetException(error);
                }
            }

            batch.Clear();
        }
    }

    private async Task ReadBatchAsync(List<PendingRead> batch)
    {
        await using var command = _dataSource.CreateCommand(PostgresStateSql.ReadMany);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = batch.Select(r => r.StateName).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = batch.Select(r => r.GrainType).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = batch.Select(r => r.GrainKey).ToArray() });
        var found = new (long Version, byte[] Payload)?[batch.Count];
        await using (var rows = await command.ExecuteReaderAsync().ConfigureAwait(false))
        {
            while (await rows.ReadAsync().ConfigureAwait(false))
            {
                // WITH ORDINALITY counts from 1.
                found[rows.GetInt64(0) - 1] = (rows.GetInt64(1), rows.GetFieldValue<byte[]>(2));
            }
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Completion.TrySetResult(found[i]);
        }
    }

    private sealed class PendingRead(string stateName, string grainType, string grainKey)
    {
        public string StateName { get; } = stateName;
        public string GrainType { get; } = grainType;
        public string GrainKey { get; } = grainKey;

        // Continuations must not run on a reader loop: that would stall the other queued reads.
        public TaskCompletionSource<(long Version, byte[] Payload)?> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
