using System.Numerics.Tensors;
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

    /// <summary>Recent products whose neighbourhoods the taste candidates are taken from.</summary>
    public const int TasteAnchors = 5;

    /// <summary>Nearest neighbours of each recent product scored against the taste.</summary>
    public const int TasteNeighbours = 60;

    /// <summary>
    /// In-stock products close to the shopper's taste vector, except <paramref name="exclude"/>: relevance = weight ×
    /// cosine. The taste is a decayed mean of the vectors of the products the shopper touched, so the products
    /// nearest to it lie in those products' neighbourhoods: the candidates are the <see cref="TasteNeighbours"/>
    /// nearest of each of the latest <see cref="TasteAnchors"/> of <paramref name="recent"/> (kept per product by
    /// <see cref="ContentNeighbours"/>), scored exactly
    /// against the taste, instead of a scan of the whole catalog per request. Without recent products in the
    /// catalog, the index is scanned.
    /// </summary>
    public async Task AddTasteAsync(
        CandidateSet candidates, string pipeline, float[] taste, IReadOnlyList<int> recent, int k, IReadOnlySet<string> exclude, double weight,
        CancellationToken cancellationToken)
    {
        if (recent.Count == 0)
        {
            foreach (var hit in await ScanAsync(pipeline, taste, k, new VectorFilter(InStockOnly: true, ExcludeIds: exclude), cancellationToken))
            {
                if (catalog.TryGetRow(hit.Id, out var row))
                {
                    candidates.Add(row, weight * Math.Max(0, hit.Score), [Explainer.Taste]);
                }
            }

            return;
        }

        using (AisleMetrics.VectorScan(pipeline))
        {
            // Catalog vectors are unit length (the model normalises them; the scorer's taste term relies on it too).
            var norm = TensorPrimitives.Norm(taste);
            if (!(norm > 0))
            {
                return;
            }

            var seen = catalog.RowsOf([.. exclude]).ToHashSet();
            var top = new PriorityQueue<int, float>(k + 1);
            foreach (var anchor in recent.Take(TasteAnchors))
            {
                var kept = await _neighbours.KeptAsync(anchor, cancellationToken);
                foreach (var (row, _) in kept.AsSpan(0, Math.Min(TasteNeighbours, kept.Length)))
                {
                    if (!seen.Add(row) || catalog.Stock(row) <= 0)
                    {
                        continue;
                    }

                    top.Enqueue(row, TensorPrimitives.Dot(taste, catalog.Vector(row)) / norm);
                    if (top.Count > k)
                    {
                        top.Dequeue();
                    }
                }
            }

            while (top.TryDequeue(out var row, out var score))
            {
                candidates.Add(row, weight * Math.Max(0, score), [Explainer.Taste]);
            }
        }
    }
}
