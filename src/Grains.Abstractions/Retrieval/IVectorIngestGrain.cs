namespace Aisle.Retrieval;

/// <summary>
/// Writes the catalog to the shared vector store (AstraDB) from the catalog replica of the silo it runs on: one
/// activation (key <see cref="Key"/>) so two admins cannot start two ingests. The ingest runs in the background; its
/// progress is read with <see cref="StatusAsync"/>.
/// </summary>
public interface IVectorIngestGrain : IGrainWithStringKey
{
    const string Key = "catalog";

    /// <summary>Starts an ingest unless one is running; returns the status either way.</summary>
    Task<VectorIngestStatus> StartAsync();

    Task<VectorIngestStatus> StatusAsync();
}
