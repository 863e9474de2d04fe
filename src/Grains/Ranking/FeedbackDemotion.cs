using System.Numerics.Tensors;
using Aisle.Catalog;
using Aisle.Users;

namespace Aisle.Ranking;

/// <summary>
/// Negative feedback in a shopper's recommendations: a product the shopper removed from the cart, returned or disliked
/// keeps 1 / (1 + push) of its score, and each close neighbour of it (cosine ≥ <see cref="RankingOptions.NeighbourSimilarity"/>:
/// a colour variant, the same item from another seller) 1 / (1 + push × <see cref="RankingOptions.NeighbourPush"/> × cosine).
/// Multiplicative like <see cref="ShownDemotion"/>, so a far better item can still hold its place and a pin still wins.
/// </summary>
public static class FeedbackDemotion
{
    /// <summary>The multipliers below 1 of <paramref name="candidates"/>, by product id.</summary>
    public static IReadOnlyDictionary<string, double> Factors(
        UserProfile profile, IEnumerable<int> candidates, CatalogReplica catalog, RankingOptions options)
    {
        var pushed = profile.Pushed
            .Select(p => (Row: catalog.TryGetRow(p.Key, out var row) ? row : -1, Push: p.Value))
            .Where(p => p.Row >= 0 && p.Push > 1e-6)
            .ToArray();
        var factors = new Dictionary<string, double>(StringComparer.Ordinal);
        if (pushed.Length == 0)
        {
            return factors;
        }

        foreach (var row in candidates)
        {
            var push = 0.0;
            foreach (var p in pushed)
            {
                if (p.Row == row)
                {
                    push += p.Push;
                    continue;
                }

                var cosine = TensorPrimitives.CosineSimilarity(catalog.Vector(row), catalog.Vector(p.Row));
                if (cosine >= options.NeighbourSimilarity)
                {
                    push += p.Push * options.NeighbourPush * cosine;
                }
            }

            if (push > 0)
            {
                factors[catalog.Product(row).Id] = 1 / (1 + push);
            }
        }

        return factors;
    }

    /// <summary>Purchased consumables whose interval has passed (<see cref="RankingOptions.Consumables"/>): they may be
    /// recommended again although bought, and although among the products the shopper touched last.</summary>
    public static IEnumerable<string> DueAgain(UserProfile profile, DateTimeOffset now, CatalogReplica catalog, RankingOptions options) =>
        profile.Consumed
            .Where(c => catalog.TryGetRow(c.Key, out var row) && options.RepurchaseAfter(catalog.Product(row).Category) is { } after && now - c.Value >= after)
            .Select(c => c.Key);

    /// <summary>Both kinds of multipliers together: an item shown and ignored, and pushed down, gets the product.</summary>
    public static IReadOnlyDictionary<string, double> Combine(IReadOnlyDictionary<string, double> a, IReadOnlyDictionary<string, double> b)
    {
        if (b.Count == 0)
        {
            return a;
        }

        var all = new Dictionary<string, double>(a, StringComparer.Ordinal);
        foreach (var (id, factor) in b)
        {
            all[id] = all.TryGetValue(id, out var f) ? f * factor : factor;
        }

        return all;
    }
}
