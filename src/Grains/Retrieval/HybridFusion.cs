namespace Aisle.Retrieval;

/// <summary>
/// Weighted Reciprocal Rank Fusion (Cormack et al., 2009): an id scores Σ weight / (k + rank) over the lists that hold
/// it. Ranks, not raw scores, are combined, so BM25 and cosine similarity need no calibration against each other.
/// Pure and deterministic: equal scores are ordered by id (ordinal).
/// </summary>
public static class HybridFusion
{
    /// <summary>The usual RRF constant: large enough that rank 1 does not drown the rest of a list.</summary>
    public const int DefaultK = 60;

    /// <summary>Fuses <paramref name="lists"/> into one list, best first, at most <paramref name="limit"/> long when given.</summary>
    /// <param name="k">RRF constant added to every rank; must be ≥ 0.</param>
    public static IReadOnlyList<FusedHit> Fuse(IReadOnlyList<SourceRanking> lists, int k = DefaultK, int? limit = null)
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (limit is <= 0)
        {
            return [];
        }

        var capacity = 0;
        foreach (var list in lists)
        {
            capacity += list?.Ids?.Count ?? 0;
        }

        var byId = new Dictionary<string, Accumulator>(capacity, StringComparer.Ordinal);
        for (var l = 0; l < lists.Count; l++)
        {
            var list = lists[l];
            if (list?.Ids is null || !(list.Weight > 0))
            {
                continue;
            }

            var ids = list.Ids;
            for (var i = 0; i < ids.Count; i++)
            {
                var id = ids[i];
                if (id is null)
                {
                    continue;
                }

                if (!byId.TryGetValue(id, out var accumulator))
                {
                    accumulator = new Accumulator();
                    byId.Add(id, accumulator);
                }
                else if (accumulator.LastList == l)
                {
                    // Only the first (best) occurrence of an id in a list counts.
                    continue;
                }

                var rank = i + 1;
                accumulator.Score += list.Weight / (k + rank);
                accumulator.LastList = l;
                accumulator.Sources.Add(new FusionSource(list.Source, rank));
            }
        }

        var hits = new FusedHit[byId.Count];
        var n = 0;
        foreach (var (id, accumulator) in byId)
        {
            hits[n++] = new FusedHit(id, accumulator.Score, accumulator.Sources);
        }

        Array.Sort(hits, static (a, b) =>
        {
            var byScore = b.Score.CompareTo(a.Score);
            return byScore != 0 ? byScore : string.CompareOrdinal(a.Id, b.Id);
        });

        return limit is { } max && max < hits.Length ? hits[..max] : hits;
    }

    private sealed class Accumulator
    {
        public double Score;

        public int LastList = -1;

        public List<FusionSource> Sources { get; } = new(2);
    }
}
