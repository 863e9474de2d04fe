namespace Aisle.Learning;

/// <summary>One held-back case: a shopper's items before the last (newest first) and the last one, which training never saw.</summary>
public sealed record HeldBackCase(IReadOnlyList<string> Recent, string Next);

/// <summary>
/// The slice of shoppers whose last item a training run keeps back to judge the model it trains, and the judge. The
/// slice is chosen by a stable hash of the shopper id, so successive runs hold back the same shoppers: their last
/// item is never in any model's training data, and an older model and a newer one are compared on equal terms.
/// </summary>
public static class HeldBackSlice
{
    /// <summary>Whether <paramref name="shopperId"/> belongs to the slice holding back one shopper in <paramref name="every"/>.</summary>
    public static bool Holds(string shopperId, int every)
    {
        if (every <= 1)
        {
            return every == 1;
        }

        // FNV-1a: stable across processes and runs, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var ch in shopperId)
        {
            hash = (hash ^ ch) * 16777619u;
        }

        return hash % (uint)every == 0;
    }

    /// <summary>HR@10 and NDCG@10 of <paramref name="model"/> ranking each case's next item among its neighbour lists'
    /// items, leaving out what the shopper already had (as recommendations do). A model that cannot place an item ranks
    /// it nowhere; with no case the score is <see cref="HeldBackScore.None"/>.</summary>
    public static HeldBackScore Score(ServedModel? model, IReadOnlyList<HeldBackCase> cases)
    {
        if (cases.Count == 0)
        {
            return HeldBackScore.None;
        }

        double hits = 0, ndcg = 0;
        foreach (var c in cases)
        {
            if (model is null)
            {
                continue;
            }

            var had = c.Recent.ToHashSet(StringComparer.Ordinal);
            var scores = model.Next(c.Recent);
            if (!scores.TryGetValue(c.Next, out var target) || had.Contains(c.Next))
            {
                continue;
            }

            var rank = scores.Count(p => p.Value > target && !had.Contains(p.Key));
            if (rank < 10)
            {
                hits++;
                ndcg += 1 / Math.Log2(rank + 2);
            }
        }

        return new HeldBackScore(hits / cases.Count, ndcg / cases.Count, cases.Count);
    }
}
