using Aisle.Catalog;
using Microsoft.Extensions.Logging;

namespace Aisle.Retrieval.Astra;

/// <summary>
/// The shared AstraDB collection: a silo does not write the catalog at start (the ingest command or admin endpoint
/// does, once, for all silos); it only learns the collection's size, and sends price and stock changes through the
/// <see cref="VectorUpdateQueue"/>, so a product change never waits on the network.
/// </summary>
public sealed partial class AstraVectorFeed(AstraVectorIndex index, VectorUpdateQueue queue, ILogger<AstraVectorFeed> logger) : IVectorStoreFeed
{
    public async Task LoadAsync(CatalogReplica replica, CancellationToken cancellationToken)
    {
        try
        {
            await index.RefreshCountAsync(cancellationToken);
            Console.WriteLine($"Aisle vector index: AstraDB collection {index.Client.Options.Collection} (about {index.Count:N0} documents, catalog {replica.Count:N0}).");
            if (index.Count < replica.Count)
            {
                LogNotIngested(logger, index.Client.Options.Collection, index.Count, replica.Count);
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // Not a reason to stay unready: search answers from its lexical source until the store answers.
            LogUnreachable(logger, error);
        }
    }

    public void Changed(CatalogReplica replica, int row) => queue.Enqueue(row);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AstraDB collection {Collection} holds about {Stored} documents for {Catalog} products: run the vector ingest (aisle-cli vectors-ingest or POST /api/admin/vectors/ingest).")]
    private static partial void LogNotIngested(ILogger logger, string collection, int stored, int catalog);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AstraDB could not be reached at start; searches use their other sources until it answers.")]
    private static partial void LogUnreachable(ILogger logger, Exception error);
}
