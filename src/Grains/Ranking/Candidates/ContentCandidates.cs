using Aisle.Catalog;
using Aisle.Observability;
using Aisle.Retrieval;

namespace Aisle.Ranking.Candidates;

/// <summary>Products whose content vectors lie close to a query, a product or a shopper's taste (kNN of the vector index).</summary>
public sealed class ContentCandidates(CatalogReplica catalog, IVectorIndex vectors)
{
    private readonly ContentNeighbours _neighbours = new(catalog, vectors);

    /// <summary>One kNN scan, timed under <paramref name="pipeline"/>; the filter is applied inside the scan.</summary>
    public async Task<IReadOnlyList<VectorHit>> ScanAsync(
        string pipeline, ReadOnlyMemory<float> query, int k, VectorFilter filter, CancellationToken cancellationToken)
    {
        using (AisleMetrics.VectorScan(pipeline))
        {
            return await vectors.SearchAsync(query, k, filter, cancellationToken);
        }
    }

    /// <summary>In-stock products that look like <paramref name="anchor"/>, except <paramref name="exclude"/>, "because
    /// of" it: relevance = weight × cosine. From the anchor's kept neighbour list (<see cref="ContentNeighbours"/>).</summary>
    public async Task AddLikeAsync(
        CandidateSet candidates, string pipeline, int anchor, int k, IReadOnlySet<string> exclude, double weight, CancellationToken cancellationToken)
    {
        var name = catalog.Product(anchor).Name;
        IReadOnlyList<(int Row, float Score)> neighbours;
        using (AisleMetrics.VectorScan(pipeline))
        {
            neighbours = await _neighbours.InStockAsync(anchor, k, exclude, cancellationToken);
        }

        foreach (var (row, score) in neighbours)
        {
            candidates.Add(row, weight * Math.Max(0, score), [Explainer.Similar], name);
        }
    }

    /// <summary>Products close to the shopper's taste vector: relevance = weight × cosine.</summary>
    public async Task AddTasteAsync(
        CandidateSet candidates, string pipeline, float[] taste, int k, VectorFilter filter, double weight, CancellationToken cancellationToken)
    {
        foreach (var hit in await ScanAsync(pipeline, taste, k, filter, cancellationToken))
        {
            if (catalog.TryGetRow(hit.Id, out var row))
            {
                candidates.Add(row, weight * Math.Max(0, hit.Score), [Explainer.Taste]);
            }
        }
    }
}
