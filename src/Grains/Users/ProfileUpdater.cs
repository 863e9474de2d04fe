using System.Collections.Immutable;
using System.Numerics.Tensors;
using Aisle.Catalog;
using Aisle.Ranking;

namespace Aisle.Users;

/// <summary>Pure functions from (state, event) to state and from state to profile; the grain only orchestrates.</summary>
public static class ProfileUpdater
{
    public const int MaxRecent = 50;
    public const int MaxCategories = 100;
    public const int MaxBrands = 50;
    public const int MaxPurchased = 500;
    public const int MaxPushed = 100;
    public const int MaxConsumed = 100;
    public const int MaxQueries = 10;

    /// <summary>Category prefixes up to this depth carry affinity: deeper levels are too specific to generalise.</summary>
    public const int AffinityDepth = 3;

    public static UserState ApplySearch(UserState state, string query) => state with
    {
        RecentQueries = Prepend(state.RecentQueries, query, MaxQueries),
        EventCount = state.EventCount + 1,
    };

    /// <summary>Folds one product interaction into the profile.</summary>
    /// <param name="vector">The product's L2-normalised embedding.</param>
    public static UserState ApplyInteraction(
        UserState state, InteractionKind kind, Product product, double? price, float[] vector, DateTimeOffset at, RankingOptions options)
    {
        var weight = options.WeightOf(kind);
        var affinityHalfLife = options.AffinityHalfLife;

        var categories = state.Categories;
        foreach (var prefix in CategoryPrefixes(product.CategoryPath))
        {
            categories = AddBounded(categories, prefix, weight, at, affinityHalfLife, MaxCategories);
        }

        var brands = product.Brand is null
            ? state.Brands
            : AddBounded(state.Brands, product.Brand, weight, at, affinityHalfLife, MaxBrands);

        var next = state with
        {
            Recent = Prepend(state.Recent, new RecentInteraction(product.Id, kind, at), MaxRecent),
            Categories = categories,
            Brands = brands,
            EventCount = state.EventCount + 1,
        };

        if (price is > 0)
        {
            var log = Math.Log(price.Value);
            var bandHalfLife = options.PriceBandHalfLife;
            next = next with
            {
                PriceWeight = next.PriceWeight.Add(weight, at, bandHalfLife),
                PriceSum = next.PriceSum.Add(weight * log, at, bandHalfLife),
                PriceSquares = next.PriceSquares.Add(weight * log * log, at, bandHalfLife),
            };
        }

        // Taste: decay the old sum to the event's time, then add this item's embedding with the event's weight.
        var taste = new float[vector.Length];
        if (next.TasteSum is { } old && old.Length == vector.Length)
        {
            var factor = (float)Decay.Factor(at - next.TasteAt, affinityHalfLife);
            TensorPrimitives.Multiply(old, factor, taste);
        }

        TensorPrimitives.MultiplyAdd(vector, (float)weight, taste, taste);
        next = next with { TasteSum = taste, TasteAt = at > next.TasteAt ? at : next.TasteAt };

        if (kind == InteractionKind.Purchase && !next.Purchased.Contains(product.Id))
        {
            next = next with { Purchased = Prepend(next.Purchased, product.Id, MaxPurchased) };
        }

        if (kind == InteractionKind.Purchase && options.RepurchaseAfter(product.Category) is not null)
        {
            var consumed = next.Consumed.SetItem(product.Id, at);
            next = next with
            {
                Consumed = consumed.Count > MaxConsumed ? consumed.Remove(consumed.MinBy(c => c.Value).Key) : consumed,
            };
        }

        return next;
    }

    /// <summary>
    /// Folds negative feedback on <paramref name="productId"/> (<see cref="InteractionKinds.IsNegative"/>) into the
    /// profile: the product's push grows by the kind's weight. Affinities, taste and recent products are left as they
    /// are — disliking one shoe is no dislike of shoes; the ranker pushes the product and its close neighbours down.
    /// </summary>
    public static UserState ApplyNegative(UserState state, InteractionKind kind, string productId, DateTimeOffset at, RankingOptions options) =>
        state with
        {
            Pushed = AddBounded(state.Pushed, productId, options.PushOf(kind), at, options.NegativeHalfLife, MaxPushed),
            EventCount = state.EventCount + 1,
        };

    /// <summary>
    /// The products a new interaction with <paramref name="productId"/> is seen together with: the latest
    /// <paramref name="window"/> distinct other products of <paramref name="recent"/> (newest first, before this
    /// event), each with its distance (1 = touched right before). Links weaken with distance (weight / distance),
    /// because items bought one after another say more about each other than items five steps apart.
    /// </summary>
    public static IReadOnlyList<(string ProductId, int Distance)> CoInteractionWindow(
        IReadOnlyList<RecentInteraction> recent, string productId, int window)
    {
        var result = new List<(string, int)>(Math.Max(0, window));
        for (var i = 0; i < recent.Count && result.Count < window; i++)
        {
            var other = recent[i].ProductId;
            if (other != productId && !result.Exists(r => r.Item1 == other))
            {
                result.Add((other, result.Count + 1));
            }
        }

        return result;
    }

    /// <summary>Evaluates every decayed quantity at <paramref name="now"/>.</summary>
    public static UserProfile Evaluate(string userId, UserState state, DateTimeOffset now, RankingOptions options)
    {
        var halfLife = options.AffinityHalfLife;
        var categories = state.Categories.ToDictionary(c => c.Key, c => c.Value.ValueAt(now, halfLife));
        var brands = state.Brands.ToDictionary(b => b.Key, b => b.Value.ValueAt(now, halfLife));

        PriceBand? band = null;
        var w = state.PriceWeight.ValueAt(now, options.PriceBandHalfLife);
        if (w > 1e-9)
        {
            var mean = state.PriceSum.ValueAt(now, options.PriceBandHalfLife) / w;
            var variance = state.PriceSquares.ValueAt(now, options.PriceBandHalfLife) / w - mean * mean;
            band = new PriceBand(mean, Math.Sqrt(Math.Max(0, variance)), w);
        }

        float[]? taste = null;
        if (state.TasteSum is { } sum)
        {
            // Direction is all that cosine similarity needs: normalise and drop the decayed magnitude.
            var norm = TensorPrimitives.Norm(sum);
            if (norm > 1e-9f)
            {
                taste = new float[sum.Length];
                TensorPrimitives.Divide(sum, norm, taste);
            }
        }

        return new UserProfile(userId, now, state.Recent, categories, brands, band, taste, state.Purchased, state.RecentQueries, state.EventCount)
        {
            Pushed = state.Pushed.ToDictionary(p => p.Key, p => p.Value.ValueAt(now, options.NegativeHalfLife)),
            Consumed = state.Consumed,
        };
    }

    /// <summary>"A", "A &gt; B", "A &gt; B &gt; C" for the first <see cref="AffinityDepth"/> levels.</summary>
    public static IEnumerable<string> CategoryPrefixes(IReadOnlyList<string> path)
    {
        var prefix = "";
        for (var i = 0; i < Math.Min(AffinityDepth, path.Count); i++)
        {
            prefix = i == 0 ? path[0] : $"{prefix} > {path[i]}";
            yield return prefix;
        }
    }

    /// <summary>Newest first, at most <paramref name="max"/>: drops the oldest instead of rebuilding the list, since this
    /// runs for every event.</summary>
    private static ImmutableList<T> Prepend<T>(ImmutableList<T> list, T item, int max)
    {
        list = list.Insert(0, item);
        while (list.Count > max)
        {
            list = list.RemoveAt(list.Count - 1);
        }

        return list;
    }

    private static ImmutableDictionary<string, DecayedValue> AddBounded(
        ImmutableDictionary<string, DecayedValue> values, string key, double amount, DateTimeOffset at, TimeSpan halfLife, int max)
    {
        var current = values.TryGetValue(key, out var v) ? v : new DecayedValue(0, at);
        values = values.SetItem(key, current.Add(amount, at, halfLife));
        if (values.Count > max)
        {
            values = values.Remove(values.MinBy(x => x.Value.ValueAt(at, halfLife)).Key);
        }

        return values;
    }
}
