using Aisle.Ranking;
using Aisle.Users;

namespace Aisle.Products;

/// <summary>
/// Sums of <see cref="ActivityTouch"/>es per product: popularity counters, co-interaction links and "touched next"
/// transitions, with the outbox records they came from. The live path sums a second of a silo's records into one
/// delivery per product; a replay sums one record at a time. Not thread-safe.
/// </summary>
public sealed class ActivitySums(RankingOptions options)
{
    private readonly Dictionary<string, Sums> _products = new(StringComparer.Ordinal);

    public int Count => _products.Count;

    /// <summary>Adds what one event of record <paramref name="sequence"/> teaches: the product's counters, and for each
    /// earlier product a link both ways plus the transition from the earlier one to this one ("what comes next"
    /// needs the direction).</summary>
    public void Add(ActivityTouch touch, long sequence)
    {
        var halfLife = options.PopularityHalfLife;
        var at = touch.At;
        var s = For(touch.ProductId, sequence);
        switch (touch.Kind)
        {
            case InteractionKind.View or InteractionKind.Click:
                s.Views = s.Views.Add(1, at, halfLife);
                break;
            case InteractionKind.AddToCart:
                s.Carts = s.Carts.Add(Math.Max(1, touch.Quantity), at, halfLife);
                break;
            case InteractionKind.Purchase:
                s.Purchases = s.Purchases.Add(Math.Max(1, touch.Quantity), at, halfLife);
                break;
        }

        s.Popularity = s.Popularity.Add(options.WeightOf(touch.Kind), at, halfLife);
        var linkHalfLife = options.AffinityHalfLife;
        foreach (var earlier in touch.Earlier)
        {
            Add(s.Links, earlier.ProductId, earlier.Weight, at, linkHalfLife);
            var e = For(earlier.ProductId, sequence);
            Add(e.Links, touch.ProductId, earlier.Weight, at, linkHalfLife);
            Add(e.Next, touch.ProductId, earlier.Weight, at, linkHalfLife);
        }
    }

    /// <summary>Each product's sums as one <see cref="ProductActivity"/>, with the records that fed it (ascending).</summary>
    public IEnumerable<(string ProductId, ProductActivity Activity, IReadOnlyList<long> Sequences)> Activities() =>
        _products.Select(p => (p.Key, p.Value.ToActivity(options), (IReadOnlyList<long>)p.Value.Sequences));

    private Sums For(string productId, long sequence)
    {
        if (!_products.TryGetValue(productId, out var s))
        {
            s = new Sums();
            _products.Add(productId, s);
        }

        // Records arrive in any order on the live path (writes commit concurrently), so the list is sorted on read.
        if (s.Sequences.Count == 0 || s.Sequences[^1] != sequence)
        {
            s.Sequences.Add(sequence);
        }

        return s;
    }

    private static void Add(Dictionary<string, DecayedValue> links, string other, double weight, DateTimeOffset at, TimeSpan halfLife) =>
        links[other] = (links.TryGetValue(other, out var v) ? v : default).Add(weight, at, halfLife);

    /// <summary>One product's sums, each as of its own latest event.</summary>
    private sealed class Sums
    {
        public DecayedValue Views;
        public DecayedValue Carts;
        public DecayedValue Purchases;
        public DecayedValue Popularity;
        public readonly Dictionary<string, DecayedValue> Links = new(StringComparer.Ordinal);
        public readonly Dictionary<string, DecayedValue> Next = new(StringComparer.Ordinal);
        public readonly List<long> Sequences = [];

        /// <summary>Everything decayed to the latest event time seen, so one timestamp describes the whole message.</summary>
        public ProductActivity ToActivity(RankingOptions options)
        {
            Sequences.Sort();
            var at = new[] { Views.At, Carts.At, Purchases.At, Popularity.At }
                .Concat(Links.Values.Select(l => l.At)).Concat(Next.Values.Select(n => n.At)).Max();
            var popularity = options.PopularityHalfLife;
            var affinity = options.AffinityHalfLife;
            return new ProductActivity(
                at,
                Views.ValueAt(at, popularity),
                Carts.ValueAt(at, popularity),
                Purchases.ValueAt(at, popularity),
                Popularity.ValueAt(at, popularity),
                Links.Select(l => new ActivityLink(l.Key, l.Value.ValueAt(at, affinity))).ToArray(),
                Next.Select(n => new ActivityLink(n.Key, n.Value.ValueAt(at, affinity))).ToArray());
        }
    }
}
