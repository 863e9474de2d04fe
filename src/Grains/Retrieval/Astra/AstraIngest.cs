using System.Text.Json.Nodes;
using Aisle.Catalog;

namespace Aisle.Retrieval.Astra;

/// <summary>
/// Writes the catalog to the AstraDB collection once, for every silo to search: creates the collection when missing,
/// then per batch of <see cref="IVectorIndex.MaxUpsertBatch"/> products reads which are already stored with the same
/// fingerprint (a paged <c>find</c> on <c>_id $in</c>) and writes only the others. Running it again writes nothing new;
/// after a failure it resumes where the store stands, without any local checkpoint. Batches run
/// <see cref="AstraDbOptions.IngestConcurrency"/> at a time.
/// </summary>
public sealed class AstraIngest(AstraVectorIndex index)
{
    private static readonly JsonObject FingerprintOnly = new() { [AstraDocument.Id] = 1, [AstraDocument.Fingerprint] = 1 };

    /// <summary>Ingests every row of <paramref name="replica"/> (its vectors, and its prices and stock as they are now).</summary>
    public async Task<AstraIngestProgress> IngestAsync(CatalogReplica replica, IProgress<AstraIngestProgress>? progress, CancellationToken cancellationToken)
    {
        var client = index.Client;
        await client.CreateCollectionAsync(cancellationToken);
        var total = replica.Count;
        int done = 0, written = 0, unchanged = 0;
        var batches = Enumerable.Range(0, total).Chunk(IVectorIndex.MaxUpsertBatch);
        await Parallel.ForEachAsync(batches,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, client.Options.IngestConcurrency), CancellationToken = cancellationToken },
            async (rows, ct) =>
            {
                var documents = rows.Select(row => CatalogDocuments.Of(replica, row)).ToArray();
                var stored = await StoredFingerprintsAsync(client, documents, ct);
                var missing = documents.Where(d => !stored.TryGetValue(d.Id, out var fingerprint)
                    || fingerprint != AstraDocument.From(d)[AstraDocument.Fingerprint]!.ToString()).ToArray();
                if (missing.Length > 0)
                {
                    await index.UpsertAsync(missing, ct);
                }

                Interlocked.Add(ref written, missing.Length);
                Interlocked.Add(ref unchanged, documents.Length - missing.Length);
                var now = Interlocked.Add(ref done, documents.Length);
                progress?.Report(new AstraIngestProgress(total, now, Volatile.Read(ref written), Volatile.Read(ref unchanged)));
            });
        await index.RefreshCountAsync(cancellationToken);
        return new AstraIngestProgress(total, done, written, unchanged);
    }

    private static async Task<Dictionary<string, string?>> StoredFingerprintsAsync(DataApiClient client, VectorDocument[] documents, CancellationToken cancellationToken)
    {
        var filter = new JsonObject
        {
            [AstraDocument.Id] = new JsonObject { ["$in"] = new JsonArray([.. documents.Select(d => (JsonNode)d.Id)]) },
        };
        var found = await client.FindAllAsync(filter, FingerprintOnly.DeepClone().AsObject(), cancellationToken);
        return found.ToDictionary(d => d[AstraDocument.Id]!.ToString(), d => d[AstraDocument.Fingerprint]?.ToString(), StringComparer.Ordinal);
    }
}
