using Aisle.Catalog;

namespace Aisle.Ranking.Candidates;

/// <summary>
/// Every product ordered by live popularity (with rating as a quiet prior), shared by all requests of a silo and
/// rebuilt only when the replica changed and the last build is older than <see cref="MaxAge"/>: trending and the
/// popular fill then walk a ready list and skip what a request excludes, instead of scoring the whole catalog per
/// request. A second of staleness is invisible in a "trending" list.
/// </summary>
public sealed class PopularityRanking(CatalogReplica catalog, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private sealed record Built(int[] Rows, double[] Scores, long Changes, DateTimeOffset At, int Count);

    private volatile Built? _built;
    private readonly Lock _gate = new();

    /// <summary>The most popular <paramref name="count"/> rows that <paramref name="filter"/> accepts (and
    /// <paramref name="within"/>, when given), best first.</summary>
    public List<(int Row, double Score)> Top(ProductFilter filter, int count, Func<int, bool>? within = null)
    {
        var built = Current();
        var result = new List<(int, double)>(count);
        for (var i = 0; i < built.Rows.Length && result.Count < count; i++)
        {
            if ((within is null || within(built.Rows[i])) && filter.Accepts(catalog, built.Rows[i]))
            {
                result.Add((built.Rows[i], built.Scores[i]));
            }
        }

        return result;
    }

    /// <summary>The score the ranking sorts by: live popularity plus a small prior from rating and a known price.</summary>
    public static double Score(CatalogReplica catalog, int row, DateTimeOffset now)
    {
        var product = catalog.Product(row);
        var prior = 0.01 * ((product.Rating ?? 0) / 5.0) + 0.001 * (product.Price is null ? 0 : 1);
        return catalog.Popularity(row, now) + prior;
    }

    private Built Current()
    {
        var now = clock.GetUtcNow();
        var built = _built;
        if (built is not null && built.Count == catalog.Count && (built.Changes == catalog.Changes || now - built.At < MaxAge))
        {
            return built;
        }

        lock (_gate)
        {
            built = _built;
            if (built is not null && built.Count == catalog.Count && (built.Changes == catalog.Changes || now - built.At < MaxAge))
            {
                return built;
            }

            var changes = catalog.Changes;
            var rows = new int[catalog.Count];
            var scores = new double[catalog.Count];
            for (var row = 0; row < rows.Length; row++)
            {
                rows[row] = row;
                scores[row] = -Score(catalog, row, now);
            }

            // Negated scores sort best first; equal scores are ordered by row, so every silo builds the same list.
            Array.Sort(rows, (a, b) => scores[a] != scores[b] ? scores[a].CompareTo(scores[b]) : a.CompareTo(b));
            var sorted = new double[scores.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                sorted[i] = scores[rows[i]];
            }

            scores = sorted;
            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] = -scores[i];
            }

            _built = built = new Built(rows, scores, changes, now, catalog.Count);
            return built;
        }
    }
}
