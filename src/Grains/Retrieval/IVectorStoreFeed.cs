using Aisle.Catalog;

namespace Aisle.Retrieval;

/// <summary>
/// How the silo's vector store follows its catalog replica: what happens once the catalog is loaded, and when a
/// product's price or stock changes. The embedded index is filled from the replica in memory at every start and
/// updated in place; a shared remote store is written once by the ingest and hears changes through a queue.
/// </summary>
public interface IVectorStoreFeed
{
    /// <summary>Runs once the replica holds the catalog and its persisted changes, before the silo reports ready.</summary>
    Task LoadAsync(CatalogReplica replica, CancellationToken cancellationToken);

    /// <summary>Called from the replica when <paramref name="row"/>'s price or stock changed. Must not block on I/O.</summary>
    void Changed(CatalogReplica replica, int row);
}
