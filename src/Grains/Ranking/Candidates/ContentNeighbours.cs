using Aisle.Catalog;
using Aisle.Retrieval;

namespace Aisle.Ranking.Candidates;

/// <summary>
/// A product's nearest products by embedding. Similar items and every recommendation anchored on a product need them,
/// the same popular anchors come back request after request, and the vectors do not change while a catalog is
/// loaded: so each product's list is scanned once and kept (<see cref="HitListCache{TKey}"/>), and only stock and
/// the shopper's exclusions are applied per request.
/// </summary>
public sealed class ContentNeighbours(CatalogReplica catalog, IVectorIndex vectors)
{
    /// <summary>Neighbours kept per product: enough for the largest request (100) after stock-outs and exclusions.</summary>
    public const int Kept = 160;

    /// <summary>Products whose lists are kept at once (~1.3 kB each).</summary>
    public const int MaxProducts = 100_000;

    /// <summary>
    /// Neighbours kept for a product whose <see cref="Kept"/> list could not answer: one whose neighbourhood is
    /// mostly variants of a few families (a cover sold in 141 designs), where one per family runs out long before
    /// the list does. Measured on the 20k catalog, such anchors sent every personal recommendation to a filtered scan
    /// of the whole index (issue 11); a deeper list answers the same without it.
    /// </summary>
    public const int DeepKept = 480;

    /// <summary>Products whose deep lists are kept at once (~3.8 kB each): only anchors that needed one get one.</summary>
    public const int MaxDeepProducts = 10_000;

    private readonly HitListCache<int> _lists = new(catalog, Kept, MaxProducts);
    private readonly HitListCache<int> _deep = new(catalog, DeepKept, MaxDeepProducts);

    /// <summary>Neighbours scanned per one asked for when the kept list cannot answer: room for the variants dropped.</summary>
    private const int ScanPerNeighbour = 4;

    /// <summary>The top <paramref name="k"/> in-stock neighbours of <paramref name="anchor"/> not in
    /// <paramref name="exclude"/>, best first, with their cosine similarity; one per product family (the nearest in
    /// stock), since variants embed alike and would fill the list with one family that ranking keeps once.</summary>
    public async ValueTask<IReadOnlyList<(int Row, float Score)>> InStockAsync(
        int anchor, int k, IReadOnlySet<string> exclude, CancellationToken cancellationToken = default)
    {
        var vector = catalog.Vector(anchor);
        // Rows, not ids: the kept list is walked row by row, and an int lookup costs a fraction of hashing an id.
        var excluded = catalog.RowsOf([.. exclude]).ToHashSet();
        var families = new HashSet<int>();
        var cached = await _lists.ReadAsync(anchor, k, Accept, (kept, ct) => ScanAsync(vector, kept, VectorFilter.None, ct), cancellationToken);
        if (cached is not null)
        {
            return cached;
        }

        // What the filtered scan below answers is its first k × ScanPerNeighbour hits in stock and not excluded, one
        // per family: the deep list gives the same hits whenever it holds that many that pass (or the whole index),
        // and only otherwise (null) is the index scanned.
        var scanned = Math.Min(k * ScanPerNeighbour, catalog.Count);
        families.Clear();
        IReadOnlyList<(int Row, float Score)> hits =
            (IReadOnlyList<(int Row, float Score)>?)await _deep.ReadAsync(anchor, scanned, Passes, (kept, ct) => ScanAsync(vector, kept, VectorFilter.None, ct), cancellationToken)
            ?? await ScanAsync(vector, scanned, new VectorFilter(InStockOnly: true, ExcludeIds: exclude), cancellationToken);
        return hits.Where(hit => families.Add(catalog.Families.FamilyOf(hit.Row))).Take(k).ToArray();

        bool Passes(int row) => catalog.Stock(row) > 0 && !excluded.Contains(row);

        // Called in list order, so the first accepted member of a family is its nearest in stock.
        bool Accept(int row) => Passes(row) && families.Add(catalog.Families.FamilyOf(row));
    }

    /// <summary>The <see cref="Kept"/> nearest products of <paramref name="anchor"/>, whatever their stock, best first.</summary>
    public ValueTask<(int Row, float Score)[]> KeptAsync(int anchor, CancellationToken cancellationToken = default)
    {
        var vector = catalog.Vector(anchor);
        return _lists.ListAsync(anchor, (kept, ct) => ScanAsync(vector, kept, VectorFilter.None, ct), cancellationToken);
    }

    private async ValueTask<(int Row, float Score)[]> ScanAsync(float[] vector, int k, VectorFilter filter, CancellationToken cancellationToken)
    {
        var hits = await vectors.SearchAsync(vector, k, filter, cancellationToken);
        return HitRows.Of(catalog, hits.Select(h => (h.Id, h.Score)));
    }
}
