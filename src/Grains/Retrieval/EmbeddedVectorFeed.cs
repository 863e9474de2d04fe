using Aisle.Catalog;

namespace Aisle.Retrieval;

/// <summary>
/// The in-process index (<see cref="CatalogVectorIndex"/>): sized for the catalog and filled from the replica at every
/// start; a price or stock change rewrites the row in place at once (an in-memory write of microseconds).
/// </summary>
public sealed class EmbeddedVectorFeed(CatalogVectorIndex index) : IVectorStoreFeed
{
    public async Task LoadAsync(CatalogReplica replica, CancellationToken cancellationToken)
    {
        index.Prepare(replica.Count);
        foreach (var rows in Enumerable.Range(0, replica.Count).Chunk(IVectorIndex.MaxUpsertBatch))
        {
            await index.UpsertAsync(rows.Select(row => CatalogDocuments.Of(replica, row)).ToArray(), cancellationToken);
        }
    }

    public void Changed(CatalogReplica replica, int row) =>
        index.UpsertAsync([CatalogDocuments.Of(replica, row)]).GetAwaiter().GetResult();
}
