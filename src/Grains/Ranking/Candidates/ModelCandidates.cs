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
    /// <summary>The model's best candidates a list takes. Every candidate costs the scorer, the five anchors' lists hold up
    /// to a thousand, and past the first hundred the model's share is too small to lift one into a top 20.</summary>
    public const int Taken = 100;

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

        var top = new PriorityQueue<int, double>(Taken + 1);
        foreach (var (id, score) in model.Next(recent))
        {
            if (exclude.Contains(id) || !catalog.TryGetRow(id, out var row) || catalog.Stock(row) <= 0)
            {
                continue;
            }

            top.Enqueue(row, score);
            if (top.Count > Taken)
            {
                top.Dequeue();
            }
        }

        if (top.Count == 0)
        {
            return false;
        }

        var taken = new (int Row, double Score)[top.Count];
        for (var i = taken.Length - 1; i >= 0; i--)
        {
            top.TryDequeue(out taken[i].Row, out taken[i].Score);
        }

        var best = taken[0].Score;
        var t = Math.Max(1e-3, temperature);
        foreach (var (row, score) in taken)
        {
            candidates.Raise(row, weight * Math.Exp((score - best) / t), [Explainer.Learned]);
        }

        return true;
    }
}
