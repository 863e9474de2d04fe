using Orleans.Storage;

namespace Aisle.Storage;

/// <summary>Options of one named <see cref="PostgresGrainStorage"/> provider.</summary>
public sealed class PostgresGrainStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>Npgsql connection string (Aisle reads it from <c>ConnectionStrings:Aisle</c>). Required.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// Writer loops, each with its own connection, taking queued changes in batches. Two overlap one batch's commit
    /// (the fsync) with the next batch's statements. Default 2.
    /// </summary>
    public int Writers { get; set; } = 2;

    /// <summary>Reader loops answering queued point reads, a batch per query. Default 2.</summary>
    public int Readers { get; set; } = 2;

    /// <summary>Most changes committed in one transaction. Default 512.</summary>
    public int MaxBatch { get; set; } = 512;

    /// <summary>
    /// Serializer for the state payload. Left null, Aisle uses Orleans' binary codec (see
    /// <see cref="PostgresGrainStorageSiloBuilderExtensions"/>).
    /// </summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;
}
