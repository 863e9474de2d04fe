using Aisle.Catalog;

namespace Aisle.Ranking.Candidates;

/// <summary>
/// Scores products by what shoppers did around the anchor products (the shopper's latest ones, newest first):
/// Σ over anchors of recency^k · link(anchor, p) / total(anchor)^α, then divided by total(p)^β. Dividing by the
/// anchor's total turns counts into "how often, given the anchor"; the small β keeps best-sellers, which link to
/// everything, from crowding out specific complements. Everything comes from the replica, so it is learned online:
/// each event changes the links it reads.
/// </summary>
public static class BehaviourScores
{
    /// <param name="coInteraction">Use symmetric seen-together links.</param>
    /// <param name="transitions">Use directed "touched next" links.</param>
    /// <returns>Score and the anchor that contributed most, per candidate row.</returns>
    public static Dictionary<int, (double Score, int Because)> Compute(
        CatalogReplica catalog, IReadOnlyList<int> anchors, IReadOnlySet<string> exclude, RankingOptions options,
        bool coInteraction = true, bool transitions = true)
    {
        var raw = new Dictionary<int, (double Score, int Because, double BestPart)>();
        var recency = 1.0;
        foreach (var anchor in anchors)
        {
            if (coInteraction)
            {
                Accumulate(catalog, raw, anchor, catalog.Neighbours(anchor), catalog.NeighbourWeights(anchor), catalog.LinkTotal(anchor),
                    recency, options.LinkNormalisation, exclude);
            }

            if (transitions && options.TransitionWeight > 0)
            {
                Accumulate(catalog, raw, anchor, catalog.Next(anchor), catalog.NextWeights(anchor), catalog.NextTotal(anchor),
                    recency * options.TransitionWeight, options.LinkNormalisation, exclude);
            }

            recency *= options.RecencyDecay;
        }

        var result = new Dictionary<int, (double, int)>(raw.Count);
        foreach (var (row, (score, because, _)) in raw)
        {
            var damping = Math.Pow(Math.Max(catalog.LinkTotal(row), 1e-6), options.PopularityDamping);
            result[row] = (score / damping, because);
        }

        return result;
    }

    private static void Accumulate(
        CatalogReplica catalog, Dictionary<int, (double Score, int Because, double BestPart)> raw, int anchor,
        IReadOnlyList<string> ids, IReadOnlyList<double> weights, double total, double factor, double alpha, IReadOnlySet<string> exclude)
    {
        if (total <= 0 || weights.Count != ids.Count)
        {
            return;
        }

        var norm = factor / Math.Pow(total, alpha);
        for (var i = 0; i < ids.Count; i++)
        {
            if (exclude.Contains(ids[i]) || !catalog.TryGetRow(ids[i], out var row) || catalog.Stock(row) <= 0)
            {
                continue;
            }

            var part = weights[i] * norm;
            var current = raw.TryGetValue(row, out var c) ? c : (0, anchor, 0);
            raw[row] = part > current.BestPart
                ? (current.Score + part, anchor, part)
                : (current.Score + part, current.Because, current.BestPart);
        }
    }
}
