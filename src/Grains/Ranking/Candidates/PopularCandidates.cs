using Aisle.Catalog;

namespace Aisle.Ranking.Candidates;

/// <summary>The most popular products a filter allows (trending lists, the popular fill, browsing a filter with no words).</summary>
public sealed class PopularCandidates(CatalogReplica catalog, TimeProvider clock)
{
    // The sorted list is built for every request this source serves (one per silo), not once per request.
    private readonly PopularityRanking _popularity = new(catalog, clock);

    /// <summary>Products passing <paramref name="filter"/> by live popularity, with rating and discount as a quiet prior
    /// so a catalog with no traffic yet still shows its best-rated items first.</summary>
    public List<(int Row, double Score)> Top(ProductFilter filter, int count, DateTimeOffset now)
    {
        if (filter.Category is null)
        {
            return _popularity.Top(filter, count);
        }

        // The category's rows are known (sorted), so the rest of the filter need not compare category paths again.
        var members = catalog.Members(filter.Category);
        var rest = filter with { Category = null };
        if ((long)members.Rows.Length * members.Rows.Length > (long)count * catalog.Count)
        {
            // A large category: its best rows come early in the shared ranking (about count × catalog / members
            // rows in), which is cheaper than scoring all of its members.
            return _popularity.Top(rest, count, members.Contains);
        }

        // A small category: scoring its rows directly is cheaper than walking the whole ranking.
        var top = new PriorityQueue<int, double>(count + 1);
        foreach (var row in members.Rows)
        {
            if (!rest.Accepts(catalog, row))
            {
                continue;
            }

            top.Enqueue(row, PopularityRanking.Score(catalog, row, now));
            if (top.Count > count)
            {
                top.Dequeue();
            }
        }

        var result = new List<(int, double)>(top.Count);
        while (top.TryDequeue(out var row, out var score))
        {
            result.Add((row, score));
        }

        result.Reverse();
        return result;
    }
}
