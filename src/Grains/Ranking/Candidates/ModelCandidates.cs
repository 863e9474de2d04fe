using Aisle.Catalog;
using Aisle.Learning;

namespace Aisle.Ranking.Candidates;

/// <summary>
/// What the learned next-item model (<see cref="ServedModel"/>) expects the shopper to take next, from the neighbour
/// lists of their latest products. Nothing when the silo serves no model yet or the model knows none of those products
/// (a new shopper's first product, a product added since training): the live signals answer then.
/// </summary>
public sealed class ModelCandidates(CatalogReplica catalog, ModelSlot? slot)
{
    /// <summary>
    /// Adds weight × exp((score − best) / temperature) to each proposed in-stock product's relevance, on top of what
    /// other sources gave it: a product both the live links and the model back ranks above one backed by either alone.
    /// The best candidate gets the whole weight; the temperature says how fast the rest fall away.
    /// </summary>
    /// <param name="recent">The shopper's latest distinct products, newest first.</param>
    /// <returns>Whether a model answered.</returns>
    public bool Add(CandidateSet candidates, IEnumerable<string> recent, IReadOnlySet<string> exclude, double weight, double temperature)
    {
        if (slot?.Current is not { } model || weight <= 0)
        {
            return false;
        }

        var scores = model.Next(recent);
        var best = double.NegativeInfinity;
        foreach (var (id, score) in scores)
        {
            if (!exclude.Contains(id))
            {
                best = Math.Max(best, score);
            }
        }

        if (double.IsNegativeInfinity(best))
        {
            return false;
        }

        var t = Math.Max(1e-3, temperature);
        foreach (var (id, score) in scores)
        {
            if (exclude.Contains(id) || !catalog.TryGetRow(id, out var row) || catalog.Stock(row) <= 0)
            {
                continue;
            }

            candidates.Raise(row, weight * Math.Exp((score - best) / t), [Explainer.Learned]);
        }

        return true;
    }
}
