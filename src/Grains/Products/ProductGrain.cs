using System.Collections.Immutable;
using Aisle.Catalog;
using Aisle.Hosting;
using Aisle.Recommendations;
using Aisle.Ranking;
using Aisle.Users;

namespace Aisle.Products;

/// <summary>
/// Single writer of one product's live values. Price and stock are written through at once (a reservation that was
/// granted must survive a restart); popularity counters and neighbours are flushed every few seconds, since losing
/// a few seconds of view counts on a crash is acceptable and writing on every view is not.
/// </summary>
[GrainType("product")]
public sealed class ProductGrain(
    [PersistentState("product", AisleStorage.Name)] IPersistentState<ProductState> state,
    CatalogReplica replica,
    TimeProvider clock) : Grain, IProductGrain
{
    /// <summary>Neighbour and transition lists keep only the strongest links (an online top-k: the weakest is
    /// evicted when a new one arrives, while the totals keep counting everything).</summary>
    public const int MaxNeighbours = 100;

    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(5);
    private bool _dirty;
    private int _row = -1;

    private RankingOptions Options => replica.Options;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Before the replica is loaded every id would look unknown; refuse rather than answer "not found".
        if (!replica.Ready)
        {
            throw new CatalogNotReadyException(replica.Stage);
        }

        if (replica.TryGetRow(this.GetPrimaryKeyString(), out var row))
        {
            _row = row;
            if (!state.State.Initialized)
            {
                var product = replica.Product(row);
                state.State = new ProductState { Initialized = true, Price = product.Price, Stock = product.InitialStock };
            }

            // After a crash the stored version can be behind what was published (see CatalogReplica.VersionOf).
            if (replica.VersionOf(row) > state.State.Version)
            {
                state.State = state.State with { Version = replica.VersionOf(row) };
            }
        }

        this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(FlushInterval, FlushInterval) { Interleave = false });
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        await FlushAsync(cancellationToken);

    public Task<ProductSnapshot?> GetAsync() => Task.FromResult(Known ? Snapshot() : null);

    public async Task<ProductSnapshot?> SetPriceAsync(decimal price)
    {
        if (!Known)
        {
            return null;
        }

        await ChangeDurablyAsync(state.State with { Price = price });
        return Snapshot();
    }

    public async Task<ProductSnapshot?> SetStockAsync(int stock)
    {
        if (!Known)
        {
            return null;
        }

        await ChangeDurablyAsync(state.State with { Stock = stock });
        return Snapshot();
    }

    public async Task<Reservation> TryReserveAsync(int quantity)
    {
        // Grain turns do not interleave, so the check and the decrement below are atomic for this product.
        if (!Known || quantity <= 0 || state.State.Stock < quantity)
        {
            return new Reservation(false, Known ? state.State.Stock : 0);
        }

        await ChangeDurablyAsync(state.State with { Stock = state.State.Stock - quantity });
        return new Reservation(true, state.State.Stock);
    }

    public Task RecordInteractionAsync(InteractionKind kind, int quantity, string? previousProductId, DateTimeOffset at)
    {
        if (!Known)
        {
            return Task.CompletedTask;
        }

        var s = state.State;
        var halfLife = Options.PopularityHalfLife;
        var units = Math.Max(1, quantity);
        s = kind switch
        {
            InteractionKind.View or InteractionKind.Click => s with { Views = s.Views.Add(1, at, halfLife) },
            InteractionKind.AddToCart => s with { Carts = s.Carts.Add(units, at, halfLife) },
            InteractionKind.Purchase => s with { Purchases = s.Purchases.Add(units, at, halfLife) },
            _ => s,
        };
        s = s with { Popularity = s.Popularity.Add(Options.WeightOf(kind), at, halfLife) };
        if (previousProductId is not null && previousProductId != this.GetPrimaryKeyString())
        {
            s = WithNeighbour(s, previousProductId, Options.WeightOf(kind), at);
        }

        ChangeLazily(s);
        return Task.CompletedTask;
    }

    public Task LinkAsync(string otherProductId, double weight, DateTimeOffset at)
    {
        if (Known && otherProductId != this.GetPrimaryKeyString())
        {
            ChangeLazily(WithNeighbour(state.State, otherProductId, weight, at));
        }

        return Task.CompletedTask;
    }

    public Task FollowedByAsync(string nextProductId, double weight, DateTimeOffset at)
    {
        if (Known && nextProductId != this.GetPrimaryKeyString())
        {
            // One message carries both directions' worth: the successor is a neighbour too (seen together).
            var halfLife = Options.AffinityHalfLife;
            var s = WithNeighbour(state.State, nextProductId, weight, at);
            ChangeLazily(s with
            {
                Next = AddBounded(s.Next, nextProductId, weight, at, halfLife),
                NextTotal = s.NextTotal.Add(weight, at, halfLife),
            });
        }

        return Task.CompletedTask;
    }

    private bool Known => _row >= 0;

    private ProductState WithNeighbour(ProductState s, string other, double weight, DateTimeOffset at)
    {
        var halfLife = Options.AffinityHalfLife;
        return s with
        {
            Neighbours = AddBounded(s.Neighbours, other, weight, at, halfLife),
            LinkTotal = s.LinkTotal.Add(weight, at, halfLife),
        };
    }

    private static ImmutableDictionary<string, DecayedValue> AddBounded(
        ImmutableDictionary<string, DecayedValue> links, string other, double weight, DateTimeOffset at, TimeSpan halfLife)
    {
        var current = links.TryGetValue(other, out var v) ? v : default;
        links = links.SetItem(other, current.Add(weight, at, halfLife));
        if (links.Count > MaxNeighbours)
        {
            var weakest = links.MinBy(n => n.Value.ValueAt(at, halfLife)).Key;
            links = links.Remove(weakest);
        }

        return links;
    }

    private async Task ChangeDurablyAsync(ProductState next)
    {
        var previous = state.State;
        state.State = next with { Version = next.Version + 1 };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not written means not granted: a reservation the caller sees fail must not have taken stock.
            state.State = previous;
            throw;
        }

        _dirty = false;
        replica.Publish(Snapshot());
    }

    private void ChangeLazily(ProductState next)
    {
        state.State = next with { Version = next.Version + 1 };
        _dirty = true;
        replica.Publish(Snapshot());
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_dirty)
        {
            await state.WriteStateAsync(cancellationToken);
            _dirty = false;
        }
    }

    private ProductSnapshot Snapshot() => ToSnapshot(this.GetPrimaryKeyString(), state.State, clock.GetUtcNow(), Options);

    /// <summary>The public view of a state, with counters decayed to <paramref name="now"/>; also used at warm-up.</summary>
    public static ProductSnapshot ToSnapshot(string productId, ProductState s, DateTimeOffset now, RankingOptions options)
    {
        var halfLife = options.PopularityHalfLife;
        var linkHalfLife = options.AffinityHalfLife;
        var (neighbours, neighbourWeights) = Strongest(s.Neighbours, now, linkHalfLife);
        var (next, nextWeights) = Strongest(s.Next, now, linkHalfLife);
        return new ProductSnapshot(
            productId,
            s.Price,
            s.Stock,
            s.Views.ValueAt(now, halfLife),
            s.Carts.ValueAt(now, halfLife),
            s.Purchases.ValueAt(now, halfLife),
            s.Popularity.ValueAt(now, halfLife),
            neighbours,
            now,
            s.Version)
        {
            NeighbourWeights = neighbourWeights,
            LinkTotal = s.LinkTotal.ValueAt(now, linkHalfLife),
            Next = next,
            NextWeights = nextWeights,
            NextTotal = s.NextTotal.ValueAt(now, linkHalfLife),
        };
    }

    private static (string[] Ids, double[] Weights) Strongest(ImmutableDictionary<string, DecayedValue> links, DateTimeOffset now, TimeSpan halfLife)
    {
        var sorted = links
            .Select(l => (Id: l.Key, Weight: l.Value.ValueAt(now, halfLife)))
            // Strongest first; ties by id so every silo orders them the same way.
            .OrderByDescending(l => l.Weight).ThenBy(l => l.Id, StringComparer.Ordinal)
            .ToArray();
        return (sorted.Select(l => l.Id).ToArray(), sorted.Select(l => l.Weight).ToArray());
    }
}
