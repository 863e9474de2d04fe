using System.Text.Json.Nodes;
using Aisle.Recommendations;
using Aisle.Retrieval.Vector;

namespace Aisle.Retrieval.Astra;

/// <summary>
/// <see cref="IVectorIndex"/> over one AstraDB collection through the Data API (<see cref="DataApiClient"/>). It answers
/// the embedded index's questions with the same scores: filters map field for field (<see cref="AstraFilter"/>), and
/// AstraDB's cosine <c>$similarity</c>, which is (1 + cos) / 2 in [0, 1], is mapped back to cos in [-1, 1].
/// Differences a caller may meet: a search returns at most <see cref="DataApiClient.MaxVectorSearchLimit"/> hits, a
/// zero query (AstraDB refuses to rank by one) returns none, and equal scores come back in the store's order.
/// </summary>
public sealed class AstraVectorIndex(DataApiClient client) : IVectorIndex
{
    private static readonly JsonObject IdOnly = new() { [AstraDocument.Id] = 1 };
    private int _count;

    public DataApiClient Client { get; } = client;

    /// <summary>The collection's size when last asked (<see cref="RefreshCountAsync"/>), plus what this process inserted since.</summary>
    public int Count => Volatile.Read(ref _count);

    public int Dimensions => Client.Options.Dimensions;

    /// <summary>
    /// Writes the documents whether or not they exist: an unordered <c>insertMany</c> per <see cref="AstraDbOptions.InsertBatchSize"/>,
    /// then a <c>findOneAndReplace</c> with upsert for each document it did not insert — already there (a re-run, or a
    /// retried call whose first attempt did land) or failed for a passing reason. A document that fails that too throws.
    /// </summary>
    public async Task UpsertAsync(IReadOnlyList<VectorDocument> documents, CancellationToken cancellationToken = default)
    {
        UpsertBatch.Validate(documents, Dimensions);
        foreach (var chunk in documents.Select(AstraDocument.From).Chunk(Math.Clamp(Client.Options.InsertBatchSize, 1, IVectorIndex.MaxUpsertBatch)))
        {
            var result = await Client.InsertManyAsync(chunk, cancellationToken);
            Interlocked.Add(ref _count, result.InsertedIds.Count);
            foreach (var document in chunk.Where(d => !result.InsertedIds.Contains(d[AstraDocument.Id]!.ToString())))
            {
                await Client.ReplaceAsync(document, cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    /// <exception cref="VectorStoreUnavailableException">AstraDB did not answer within the search budget, answered 429 or
    /// 5xx after the retries, or answered with errors.</exception>
    public async Task<IReadOnlyList<VectorHit>> SearchAsync(ReadOnlyMemory<float> query, int k, VectorFilter? filter = null, CancellationToken cancellationToken = default)
    {
        if (QueryVector.Check(query.Span, k, Dimensions) == 0f)
        {
            return [];
        }

        List<JsonObject> documents;
        try
        {
            documents = await Client.VectorSearchAsync(query, AstraFilter.For(filter), IdOnly.DeepClone().AsObject(), k, cancellationToken);
        }
        catch (DataApiException error)
        {
            // To a shopper, a store that answers "no such collection" is as unavailable as one that does not answer.
            throw new VectorStoreUnavailableException(error.Message, error);
        }

        var hits = new VectorHit[documents.Count];
        for (var i = 0; i < hits.Length; i++)
        {
            var similarity = documents[i][AstraDocument.Similarity]?.GetValue<double>() ?? 0.5;
            hits[i] = new VectorHit(documents[i][AstraDocument.Id]!.ToString(), (float)(2 * similarity - 1));
        }

        return hits;
    }

    /// <inheritdoc />
    public async Task<float[]?> GetVectorAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var document = await Client.FindOneAsync(new JsonObject { [AstraDocument.Id] = id }, new JsonObject { [AstraDocument.Vector] = 1 }, cancellationToken);
        return document?[AstraDocument.Vector]?.AsArray().Select(c => c!.GetValue<float>()).ToArray();
    }

    /// <summary>Rewrites only price, stock and fingerprint of a stored product (<c>updateOne</c>); false when it is not stored.</summary>
    public async Task<bool> UpdatePriceAndStockAsync(VectorDocument document, CancellationToken cancellationToken = default)
    {
        var (set, unset) = AstraDocument.PriceAndStock(document);
        return await Client.UpdateOneAsync(document.Id, set, unset, cancellationToken) > 0;
    }

    /// <summary>Removes a product from the store (<c>deleteOne</c>); false when it was not there.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        var deleted = await Client.DeleteOneAsync(id, cancellationToken);
        if (deleted)
        {
            Interlocked.Decrement(ref _count);
        }

        return deleted;
    }

    /// <summary>Asks the store for its size (<c>estimatedDocumentCount</c>) for <see cref="Count"/>.</summary>
    public async Task RefreshCountAsync(CancellationToken cancellationToken = default) =>
        Volatile.Write(ref _count, await Client.EstimatedCountAsync(cancellationToken));
}
