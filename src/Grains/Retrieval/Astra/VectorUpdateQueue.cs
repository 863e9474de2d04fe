using System.Collections.Concurrent;
using System.Threading.Channels;
using Aisle.Catalog;
using Aisle.Observability;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aisle.Retrieval.Astra;

/// <summary>
/// Carries price and stock changes from the replica to the AstraDB collection without ever holding up the change
/// that caused them: <see cref="Enqueue"/> only notes the row (a row already waiting is not queued twice), and a
/// background loop writes each row's state as it is when its turn comes, so a burst of changes to one product costs
/// one <c>updateOne</c>. The queue is bounded (<see cref="AstraDbOptions.UpdateQueueCapacity"/>); a change that finds it
/// full is dropped and counted — the product's next change, or the next ingest, writes it.
/// </summary>
public sealed partial class VectorUpdateQueue(CatalogReplica replica, AstraVectorIndex index, ILogger<VectorUpdateQueue> logger) : BackgroundService
{
    private readonly Channel<int> _rows = Channel.CreateBounded<int>(new BoundedChannelOptions(Math.Max(1, index.Client.Options.UpdateQueueCapacity))
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly ConcurrentDictionary<int, byte> _waiting = new();
    private long _written;

    /// <summary>Rows waiting to be written.</summary>
    public int Length => _waiting.Count;

    /// <summary>Rows written so far (for tests and logs).</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Notes that <paramref name="row"/>'s price or stock changed. Never blocks.</summary>
    public void Enqueue(int row)
    {
        if (!_waiting.TryAdd(row, 0))
        {
            return;
        }

        if (!_rows.Writer.TryWrite(row))
        {
            _waiting.TryRemove(row, out _);
            AisleMetrics.VectorStoreUpdatesDropped.Inc();
            return;
        }

        AisleMetrics.VectorStoreUpdateQueue.Set(_waiting.Count);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var row in _rows.Reader.ReadAllAsync(stoppingToken))
            {
                // Taken off the waiting set before the state is read: a change after this point queues the row again.
                _waiting.TryRemove(row, out _);
                AisleMetrics.VectorStoreUpdateQueue.Set(_waiting.Count);
                await WriteAsync(row, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task WriteAsync(int row, CancellationToken cancellationToken)
    {
        var document = CatalogDocuments.Of(replica, row);
        try
        {
            if (!await index.UpdatePriceAndStockAsync(document, cancellationToken))
            {
                LogNotStored(logger, document.Id);
            }

            Interlocked.Increment(ref _written);
            AisleMetrics.VectorStoreUpdates.WithLabels("written").Inc();
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The write client already retried; the replica filters the stale hit meanwhile, and the next change writes it.
            AisleMetrics.VectorStoreUpdates.WithLabels("failed").Inc();
            LogWriteFailed(logger, document.Id, error);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Product {Id} changed but is not in the AstraDB collection; run the vector ingest.")]
    private static partial void LogNotStored(ILogger logger, string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the price and stock of product {Id} to AstraDB failed.")]
    private static partial void LogWriteFailed(ILogger logger, string id, Exception error);
}
