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
    /// <summary>The served model's items as catalog rows (−1: not in the catalog), built once per model and catalog so a
    /// request compares ints instead of hashing a product id per candidate.</summary>
    private sealed record RowMap(ServedModel Model, string Fingerprint, int[] Rows);

    private volatile RowMap? _rows;

    /// <summary>New candidates the model may add to a list. Every candidate costs the scorer and the five anchors' lists
    /// hold up to a thousand; those the live sources already proposed are raised whatever their place.</summary>
    public const int Added = 100;

    /// <summary>
    /// Adds weight × exp((score − best) / temperature) to the relevance of each in-stock product the model scores, on
    /// top of what other sources gave it: a product both the live links and the model back ranks above one backed by
    /// either alone. Of the products no other source proposed, only the model's best <see cref="Added"/> join the list.
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

        var rows = RowsOf(model);
        var excluded = catalog.RowsOf([.. exclude]).ToHashSet();
        var known = new List<(int Row, double Score)>();
        var top = new PriorityQueue<int, double>(Added + 1);
        var best = double.NegativeInfinity;
        foreach (var (item, score) in model.NextIndexes(recent))
        {
            var row = rows[item];
            if (row < 0 || excluded.Contains(row) || catalog.Stock(row) <= 0)
            {
                continue;
            }

            best = Math.Max(best, score);
            if (candidates.Contains(row))
            {
                known.Add((row, score));
                continue;
            }

            top.Enqueue(row, score);
            if (top.Count > Added)
            {
                top.Dequeue();
            }
        }

        if (double.IsNegativeInfinity(best))
        {
            return false;
        }

        var t = Math.Max(1e-3, temperature);
        foreach (var (row, score) in known)
        {
            candidates.Raise(row, weight * Math.Exp((score - best) / t), [Explainer.Learned]);
        }

        while (top.TryDequeue(out var row, out var score))
        {
            candidates.Raise(row, weight * Math.Exp((score - best) / t), [Explainer.Learned]);
        }

        return true;
    }

    private int[] RowsOf(ServedModel model)
    {
        var map = _rows;
        if (map is not null && ReferenceEquals(map.Model, model) && ReferenceEquals(map.Fingerprint, catalog.Fingerprint))
        {
            return map.Rows;
        }

        var fingerprint = catalog.Fingerprint;
        var rows = new int[model.Model.Items.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = catalog.TryGetRow(model.Model.Items[i], out var row) ? row : -1;
        }

        _rows = new RowMap(model, fingerprint, rows);
        return rows;
    }
}
