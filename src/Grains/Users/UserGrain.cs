using Aisle.Catalog;
using Aisle.Hosting;
using Aisle.Products;
using Aisle.Recommendations;

namespace Aisle.Users;

/// <summary>
/// A shopper's live profile. Events are applied in the order sent and written in one storage write per call, so
/// a batch costs one write however many events it holds; the next read sees them.
/// </summary>
[GrainType("user")]
public sealed class UserGrain(
    [PersistentState("user", AisleStorage.Name)] IPersistentState<UserState> state,
    CatalogReplica replica,
    ProductActivityBuffer activity,
    TimeProvider clock) : Grain, IUserGrain
{
    // What recommendations showed this shopper, in the activation's memory only: persisting it would cost a storage
    // write per recommendation request, and losing it (restart, idle deactivation) only means one list undemoted.
    private readonly ShownLog _shown = new();

    public async Task<IReadOnlyList<EventOutcome>> RecordAsync(IReadOnlyList<ShopperEvent> events)
    {
        if (!replica.Ready)
        {
            throw new CatalogNotReadyException(replica.Stage);
        }

        var outcomes = new EventOutcome[events.Count];
        var s = state.State;
        var changed = false;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.Kind == InteractionKind.Search)
            {
                s = ProfileUpdater.ApplySearch(s, e.Query ?? "");
                outcomes[i] = new EventOutcome(true, null);
                changed = true;
                continue;
            }

            if (e.ProductId is null || !replica.TryGetRow(e.ProductId, out var row))
            {
                outcomes[i] = new EventOutcome(false, $"Unknown product '{e.ProductId}'.");
                continue;
            }

            if (e.Kind == InteractionKind.Purchase)
            {
                var reservation = await GrainFactory.GetGrain<IProductGrain>(e.ProductId).TryReserveAsync(e.Quantity);
                if (!reservation.Succeeded)
                {
                    outcomes[i] = new EventOutcome(false, $"Out of stock: {reservation.StockLeft} left, {e.Quantity} wanted.");
                    continue;
                }
            }

            var window = ProfileUpdater.CoInteractionWindow(s.Recent, e.ProductId, replica.Options.CoInteractionWindow);
            s = ProfileUpdater.ApplyInteraction(s, e.Kind, replica.Product(row), replica.Price(row), replica.Vector(row), e.Timestamp, replica.Options);
            activity.Interaction(e.ProductId, e.Kind, e.Quantity, e.Timestamp);
            var weight = replica.Options.WeightOf(e.Kind);
            foreach (var (other, distance) in window)
            {
                activity.CoInteraction(e.ProductId, other, weight / distance, e.Timestamp);
            }

            outcomes[i] = new EventOutcome(true, null);
            changed = true;
        }

        if (changed)
        {
            state.State = s;
            await state.WriteStateAsync();
        }

        return outcomes;
    }

    public Task RecordShownAsync(string[] productIds, DateTimeOffset at)
    {
        var options = replica.Options;
        if (options.ShownPenalty > 0)
        {
            // Catalog ids only, as the catalog's own string instances: every active shopper holds this record.
            var known = productIds.Take(ShownLog.MaxItems).Select(replica.CatalogId).OfType<string>();
            _shown.Record(known, at, state.State.Recent, options.ShownWindow);
        }

        return Task.CompletedTask;
    }

    public Task<UserProfile> GetProfileAsync()
    {
        var now = clock.GetUtcNow();
        var profile = ProfileUpdater.Evaluate(this.GetPrimaryKeyString(), state.State, now, replica.Options);
        return Task.FromResult(_shown.Count == 0 ? profile : profile with { Shown = _shown.Within(now, replica.Options.ShownWindow) });
    }
}
