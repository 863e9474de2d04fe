using Aisle.Catalog;

namespace Aisle.Ranking.Candidates;

/// <summary>Retrieval hits (product id, score) as catalog rows, in their order; ids the replica does not hold are dropped.</summary>
public static class HitRows
{
    public static (int Row, float Score)[] Of(CatalogReplica catalog, IEnumerable<(string Id, float Score)> hits)
    {
        var rows = new List<(int Row, float Score)>();
        foreach (var (id, score) in hits)
        {
            if (catalog.TryGetRow(id, out var row))
            {
                rows.Add((row, score));
            }
        }

        return rows.ToArray();
    }
}
