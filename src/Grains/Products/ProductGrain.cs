using System.Collections.Immutable;
using Aisle.Catalog;
using Aisle.Hosting;
using Aisle.Recommendations;
using Aisle.Ranking;
using Aisle.Users;

namespace Aisle.Products;

/// <summary>
/// Single writer of one product's live values. Price and stock are written through at once (a reservation that was
/// granted must survive a restart); popularity counters and links are saved every
/// <see cref="RankingOptions.ActivitySaveInterval"/> and when a silo checkpoints its deliveries, since rewriting a
/// product's hundred links for every view would cost far more than the views. Activity a crash loses here is still
/// in the outbox of the silo that delivered it, which resends or replays it (<see cref="ProductActivityBuffer"/>);
/// <see cref="ProductState.Applied"/> makes each delivery and record count once.
/// </summary>
[GrainType("product")]
public sealed class ProductGrain(
    [PersistentState("product", AisleStorage.Name)] IPersistentState<ProductState> state,
    CatalogReplica replica,
    TimeProvider clock) : Grain, IProductGrain
{

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

            state.State = Migrated(state.State, Options);

            // After a crash the stored version can be behind what was published (see CatalogReplica.VersionOf).
            if (replica.VersionOf(row) > state.State.Version)
            {
                state.State = state.State with { Version = replica.VersionOf(row) };
            }
        }

        var save = Options.ActivitySaveInterval;
        this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(save, save) { Interleave = false });
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

    public Task<bool> RecordActivityAsync(ProductActivity[] deliveries)
    {
        if (!Known)
        {
            return Task.FromResult(true);
        }

        var s = state.State;
        var complete = true;
        foreach (var d in deliveries)
        {
            var mark = d.Mark!;
            var applied = AppliedFrom(s, mark.Source);
            if (applied.Contains(mark.Max))
            {
                continue;
            }

            if (mark.Previous != 0 && !applied.Contains(mark.Previous))
            {
                // This activation does not hold an earlier delivery (its silo crashed before saving it): applying this
                // one would pass the gap for good. The sender resends its chain from the last confirmed delivery.
                complete = false;
                break;
            }

            s = WithDelivery(s, d);
        }

        if (!ReferenceEquals(s, state.State))
        {
            ChangeLazily(s);
        }

        return Task.FromResult(complete);
    }

    public async Task ConfirmActivityAsync(ProductActivity[] deliveries)
    {
        if (!Known)
        {
            return;
        }

        var s = state.State;
        foreach (var d in deliveries)
        {
            if (!AppliedFrom(s, d.Mark!.Source).Contains(d.Mark.Max))
            {
                s = WithDelivery(s, d);
            }
        }

        await SaveActivityAsync(s);
    }

    public async Task RecoverActivityAsync(string source, ReplayedActivity[] records, long through)
    {
        if (!Known)
        {
            return;
        }

        var s = state.State;
        foreach (var r in records)
        {
            if (!AppliedFrom(s, source).Contains(r.Sequence))
            {
                s = Mark(Add(s, r.Activity), source, AppliedFrom(s, source).With(r.Sequence, clock.GetUtcNow()));
            }
        }

        await SaveActivityAsync(Mark(s, source, AppliedFrom(s, source).CompleteTo(through, clock.GetUtcNow())));
    }

    private static AppliedActivity AppliedFrom(ProductState s, string source) =>
        s.Applied.TryGetValue(source, out var applied) ? applied : AppliedActivity.None;

    /// <summary>The state with a delivery added and marked as applied.</summary>
    private ProductState WithDelivery(ProductState s, ProductActivity delivery) =>
        Mark(Add(s, delivery), delivery.Mark!.Source, AppliedFrom(s, delivery.Mark.Source).With(delivery.Mark, clock.GetUtcNow()));

    private static ProductState Mark(ProductState s, string source, AppliedActivity applied) =>
        s with { Applied = AppliedActivity.Bounded(s.Applied.SetItem(source, applied)) };

    /// <summary>The state with one delivery's counters and links added.</summary>
    private ProductState Add(ProductState s, ProductActivity a)
    {
        var at = a.At;
        var halfLife = Options.PopularityHalfLife;
        var linkHalfLife = Options.AffinityHalfLife;
        var self = this.GetPrimaryKeyString();
        s = s with
        {
            Views = s.Views.Add(a.Views, at, halfLife),
            Carts = s.Carts.Add(a.Carts, at, halfLife),
            Purchases = s.Purchases.Add(a.Purchases, at, halfLife),
            Popularity = s.Popularity.Add(a.Popularity, at, halfLife),
        };
        if (a.Links.Length > 0)
        {
            s = s with
            {
                Links = s.Links.Add(Canonical(a.Links), self, at, linkHalfLife, Options.MaxLinks),
                LinkTotal = s.LinkTotal.Add(a.Links.Sum(l => l.Weight), at, linkHalfLife),
            };
        }

        if (a.Next.Length > 0)
        {
            s = s with
            {
                Next = s.Next.Add(Canonical(a.Next), self, at, linkHalfLife, Options.MaxLinks),
                NextTotal = s.NextTotal.Add(a.Next.Sum(l => l.Weight), at, linkHalfLife),
            };
        }

        return s;
    }

    private bool Known => _row >= 0;

    /// <summary>A state stored before links were <see cref="LinkSet"/>s, with its links moved over; others as they are.</summary>
    private static ProductState Migrated(ProductState s, RankingOptions options) =>
        s.LegacyNeighbours.IsEmpty && s.LegacyNext.IsEmpty
            ? s
            : s with
            {
                Links = LinkSet.From(s.LegacyNeighbours, options.AffinityHalfLife, options.MaxLinks),
                Next = LinkSet.From(s.LegacyNext, options.AffinityHalfLife, options.MaxLinks),
                LegacyNeighbours = ImmutableDictionary<string, DecayedValue>.Empty,
                LegacyNext = ImmutableDictionary<string, DecayedValue>.Empty,
            };

    /// <summary>The links with the catalog's own id strings: the ones read from the message would otherwise live on
    /// in the link set, one more copy of each id per message.</summary>
    private ActivityLink[] Canonical(ActivityLink[] links) =>
        Array.ConvertAll(links, l => replica.CatalogId(l.ProductId) is { } id ? l with { ProductId = id } : l);

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

    /// <summary>Makes <paramref name="next"/> current and durable; a state already saved as it is is not written again.</summary>
    private async Task SaveActivityAsync(ProductState next)
    {
        if (!ReferenceEquals(next, state.State))
        {
            ChangeLazily(next);
        }

        await FlushAsync(CancellationToken.None);
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
        s = Migrated(s, options);
        var halfLife = options.PopularityHalfLife;
        var linkHalfLife = options.AffinityHalfLife;
        return new ProductSnapshot(
            productId,
            s.Price,
            s.Stock,
            s.Views.ValueAt(now, halfLife),
            s.Carts.ValueAt(now, halfLife),
            s.Purchases.ValueAt(now, halfLife),
            s.Popularity.ValueAt(now, halfLife),
            s.Links.Ids,
            now,
            s.Version)
        {
            NeighbourWeights = s.Links.WeightsAt(now, linkHalfLife),
            LinkTotal = s.LinkTotal.ValueAt(now, linkHalfLife),
            Next = s.Next.Ids,
            NextWeights = s.Next.WeightsAt(now, linkHalfLife),
            NextTotal = s.NextTotal.ValueAt(now, linkHalfLife),
        };
    }

}
