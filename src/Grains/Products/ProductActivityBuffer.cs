using Aisle.Catalog;
using Aisle.Ranking;
using Aisle.Users;
using Microsoft.Extensions.Hosting;

namespace Aisle.Products;

/// <summary>
/// Per silo: sums what user grains learn about products — popularity counters, co-interaction links, "touched next"
/// transitions — and delivers it to each product grain as one <see cref="ProductActivity"/> per
/// <see cref="RankingOptions.ActivityFlushInterval"/>.
/// </summary>
/// <remarks>
/// One event touches up to 1 + 2 × <see cref="RankingOptions.CoInteractionWindow"/> products (17 with the defaults).
/// A message per touch made product messages, each re-ranking the product's links and re-publishing it to every
/// replica, cost far more than the durable profile write. Summed here, a busy product gets one message per interval
/// however many shoppers touch it. What is held here is lost if the silo dies, like the product grains' lazily
/// flushed counters: popularity and links are best-effort signals; the shopper's profile, written before the event
/// is acknowledged, is the durable record.
/// </remarks>
public sealed class ProductActivityBuffer(IGrainFactory grains, CatalogReplica replica) : BackgroundService
{
    private readonly Lock _lock = new();
    private Dictionary<string, Pending> _pending = new(StringComparer.Ordinal);

    private RankingOptions Options => replica.Options;

    /// <summary>Products with activity not yet delivered.</summary>
    public int PendingProducts
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Counts one interaction with <paramref name="productId"/>.</summary>
    public void Interaction(string productId, InteractionKind kind, int quantity, DateTimeOffset at)
    {
        var halfLife = Options.PopularityHalfLife;
        var units = Math.Max(1, quantity);
        lock (_lock)
        {
            var p = PendingFor(productId);
            switch (kind)
            {
                case InteractionKind.View or InteractionKind.Click:
                    p.Views = p.Views.Add(1, at, halfLife);
                    break;
                case InteractionKind.AddToCart:
                    p.Carts = p.Carts.Add(units, at, halfLife);
                    break;
                case InteractionKind.Purchase:
                    p.Purchases = p.Purchases.Add(units, at, halfLife);
                    break;
            }

            p.Popularity = p.Popularity.Add(Options.WeightOf(kind), at, halfLife);
        }
    }

    /// <summary>
    /// A shopper touched <paramref name="productId"/> after <paramref name="earlierProductId"/>: each learns the other
    /// as a neighbour, and the earlier one learns this one as its successor ("what comes next" needs the direction).
    /// </summary>
    public void CoInteraction(string productId, string earlierProductId, double weight, DateTimeOffset at)
    {
        var halfLife = Options.AffinityHalfLife;
        lock (_lock)
        {
            Add(PendingFor(productId).Links, earlierProductId, weight, at, halfLife);
            var earlier = PendingFor(earlierProductId);
            Add(earlier.Links, productId, weight, at, halfLife);
            Add(earlier.Next, productId, weight, at, halfLife);
        }
    }

    /// <summary>Sends everything held now: at shutdown, and for batch jobs that must see their events applied.</summary>
    public void Flush()
    {
        Dictionary<string, Pending> batch;
        lock (_lock)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            batch = _pending;
            _pending = new Dictionary<string, Pending>(batch.Count, StringComparer.Ordinal);
        }

        foreach (var (productId, pending) in batch)
        {
            grains.GetGrain<IProductGrain>(productId).RecordActivityAsync(pending.ToActivity(Options)).Ignore();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            using var timer = new PeriodicTimer(Options.ActivityFlushInterval);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Flush();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            Flush();
        }
    }

    private Pending PendingFor(string productId)
    {
        if (!_pending.TryGetValue(productId, out var p))
        {
            p = new Pending();
            _pending.Add(productId, p);
        }

        return p;
    }

    private static void Add(Dictionary<string, DecayedValue> links, string other, double weight, DateTimeOffset at, TimeSpan halfLife) =>
        links[other] = (links.TryGetValue(other, out var v) ? v : default).Add(weight, at, halfLife);

    /// <summary>One product's sums since the last delivery, each as of its own latest event.</summary>
    private sealed class Pending
    {
        public DecayedValue Views;
        public DecayedValue Carts;
        public DecayedValue Purchases;
        public DecayedValue Popularity;
        public readonly Dictionary<string, DecayedValue> Links = new(StringComparer.Ordinal);
        public readonly Dictionary<string, DecayedValue> Next = new(StringComparer.Ordinal);

        /// <summary>Everything decayed to the latest event time seen, so one timestamp describes the whole message.</summary>
        public ProductActivity ToActivity(RankingOptions options)
        {
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
