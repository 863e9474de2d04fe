using Aisle.Catalog;
using Aisle.Experiments;
using Aisle.Hosting;
using Aisle.Products;
using Aisle.Recommendations;

namespace Aisle.Users;

/// <summary>
/// A shopper's live profile. Events are applied in the order sent and written in one storage write per call, so
/// a batch costs one write however many events it holds; the next read sees them. An event whose client id was
/// applied before (<see cref="EventIds"/>) is answered as a duplicate and changes nothing; the ids are written in the
/// same write as the events they belong to, so a retry after any failure finds them or finds neither. What the events
/// teach products rides in that write too, as an outbox record (<see cref="ProductActivityBuffer"/>).
/// </summary>
[GrainType("user")]
public sealed class UserGrain(
    [PersistentState("user", AisleStorage.Name)] IPersistentState<UserState> state,
    CatalogReplica replica,
    ProductActivityBuffer activity,
    ExperimentRouter experiments,
    ExperimentActivityBuffer experimentActivity,
    TimeProvider clock) : Grain, IUserGrain
{
    // What recommendations showed this shopper, in the activation's memory only: persisting it would cost a storage
    // write per recommendation request, and losing it (restart, idle deactivation) only means one list undemoted.
    private readonly ShownLog _shown = new();

    // The live state since this activation's last write, at full precision but packed (UserStateFormat.Hold): every
    // active shopper holds it, and as collections it is ~10 kB of small long-lived objects against ~2 kB packed.
    // Unpacked per call instead (microseconds). Before the first write the stored state is read instead: it needs the
    // catalog to read, so it is unpacked on use rather than at activation, and rounded once per load, as stored.
    private UserState? _held;

    private UserState Live()
    {
        var source = _held ?? state.State;
        if (source.Packed is not null)
        {
            replica.EnsureReady();
        }

        return UserStateFormat.Unpack(source, CatalogKeys.Of(replica));
    }

    private async Task SaveAsync(UserState next, ReservedActivity? activityRecord = null)
    {
        var previous = state.State;
        state.State = UserStateFormat.Pack(next, CatalogKeys.Of(replica), replica.Options.AffinityHalfLife) with
        {
            Outbox = activityRecord?.Outbox,
        };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }

        // The record rode in this write only; the next write (a served list) must not append it again.
        state.State = state.State with { Outbox = null };
        _held = UserStateFormat.Hold(next, CatalogKeys.Of(replica));
    }

    public async Task<IReadOnlyList<EventOutcome>> RecordAsync(IReadOnlyList<ShopperEvent> events)
    {
        replica.EnsureReady();

        var outcomes = new EventOutcome[events.Count];
        var s = Live();
        var changed = false;
        HashSet<ulong>? seen = null;
        var applied = new List<ulong>();
        var touches = new List<ActivityTouch>();
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            ulong? id = null;
            if (e.EventId is not null)
            {
                seen ??= EventIds.Read(s.EventIds);
                id = EventIds.Hash(e.EventId);
                if (seen.Contains(id.Value))
                {
                    outcomes[i] = new EventOutcome(true, null, Duplicate: true);
                    continue;
                }
            }

            outcomes[i] = await ApplyAsync(e);
            if (outcomes[i].Accepted)
            {
                changed = true;
                if (id is { } applies)
                {
                    // Only applied events are remembered: a rejected one (sold out) may be retried and succeed.
                    seen!.Add(applies);
                    applied.Add(applies);
                }
            }
        }

        if (changed)
        {
            // What the events teach products rides in the same write as the events (the outbox), so it is durable
            // exactly when they are; the buffer sums it for the products only once the write has committed.
            var reserved = touches.Count > 0 ? activity.Reserve(touches) : null;
            try
            {
                await SaveAsync(s with { EventIds = EventIds.Remember(s.EventIds, applied) }, reserved);
            }
            catch
            {
                if (reserved is not null)
                {
                    activity.Abandon(reserved);
                }

                throw;
            }

            if (reserved is not null)
            {
                activity.Commit(reserved);
            }
        }

        return outcomes;

        async Task<EventOutcome> ApplyAsync(ShopperEvent e)
        {
            if (e.Kind == InteractionKind.Search)
            {
                s = ProfileUpdater.ApplySearch(s, e.Query ?? "");
                return new EventOutcome(true, null);
            }

            if (e.ProductId is null || !replica.TryGetRow(e.ProductId, out var row))
            {
                return new EventOutcome(false, $"Unknown product '{e.ProductId}'.");
            }

            if (e.Kind.IsNegative())
            {
                // Feedback against the product: the shopper's ranking only, no popularity, no "seen together" links.
                s = ProfileUpdater.ApplyNegative(s, e.Kind, e.ProductId, e.Timestamp, replica.Options);
                return new EventOutcome(true, null);
            }

            decimal? revenue = null;
            if (e.Kind == InteractionKind.Purchase)
            {
                var reservation = await GrainFactory.GetGrain<IProductGrain>(e.ProductId).TryReserveAsync(e.Quantity);
                if (!reservation.Succeeded)
                {
                    return new EventOutcome(false, $"Out of stock: {reservation.StockLeft} left, {e.Quantity} wanted.");
                }

                revenue = replica.Price(row) is { } price ? (decimal)price * e.Quantity : null;
            }

            Exposure? attributed = null;
            if (e.RequestId is not null &&
                Attribution.Attribute(e, (double)(revenue ?? 0), s.Experiments, experiments.Current) is { } attribution)
            {
                s = s with { Experiments = s.Experiments.SetItem(attribution.Exposure.Experiment, attribution.Membership) };
                experimentActivity.Add(attribution.Exposure, attribution.Delta);
                attributed = attribution.Exposure;
            }

            var window = ProfileUpdater.CoInteractionWindow(s.Recent, e.ProductId, replica.Options.CoInteractionWindow);
            s = ProfileUpdater.ApplyInteraction(s, e.Kind, replica.Product(row), replica.Price(row), replica.Vector(row), e.Timestamp, replica.Options);
            var weight = replica.Options.WeightOf(e.Kind);
            touches.Add(new ActivityTouch(
                e.ProductId, e.Kind, e.Quantity, e.Timestamp, [.. window.Select(w => new ActivityLink(w.ProductId, weight / w.Distance))]));

            return new EventOutcome(true, null, revenue, attributed);
        }
    }

    public async Task RecordServedAsync(ServedList list)
    {
        var options = replica.Options;
        var recordsShown = list.Surface == ExperimentSurface.Recommendations && options.ShownPenalty > 0;
        if (!recordsShown && list.Exposure is null)
        {
            return;
        }

        var live = Live();
        if (recordsShown)
        {
            // Catalog ids only, as the catalog's own string instances: every active shopper holds this record.
            var known = list.ProductIds.Take(ShownLog.MaxItems).Select(replica.CatalogId).OfType<string>();
            _shown.Record(known, list.At, live.Recent, options.ShownWindow);
        }

        if (list.Exposure is not { } exposure)
        {
            return;
        }

        var counted = VariantCounters.Zero with { Impressions = 1 };
        if (!live.Experiments.ContainsKey(exposure.Experiment))
        {
            // The first list of an experiment makes the shopper one of its variant's shoppers: stored, so the shopper
            // is counted once however many lists, silos and restarts follow.
            await SaveAsync(live with
            {
                Experiments = live.Experiments.SetItem(exposure.Experiment, new ExperimentMembership(exposure.Variant, list.At, 0, false)),
            });
            counted = counted with { Shoppers = 1 };
        }

        experimentActivity.Add(exposure, counted);
    }

    public Task<UserProfile> GetProfileAsync()
    {
        var now = clock.GetUtcNow();
        var profile = ProfileUpdater.Evaluate(this.GetPrimaryKeyString(), Live(), now, replica.Options);
        return Task.FromResult(_shown.Count == 0 ? profile : profile with { Shown = _shown.Within(now, replica.Options.ShownWindow) });
    }
}
