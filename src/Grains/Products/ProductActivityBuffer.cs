using Aisle.Catalog;
using Aisle.Hosting;
using Aisle.Observability;
using Aisle.Ranking;
using Aisle.Storage;
using Aisle.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aisle.Products;

/// <summary>
/// Per silo: sums what user grains teach products — popularity counters, co-interaction links, "touched next"
/// transitions — and delivers it to each product grain as one <see cref="ProductActivity"/> per
/// <see cref="RankingOptions.ActivityFlushInterval"/>, exactly once, surviving crashes.
/// </summary>
/// <remarks>
/// <para>One event touches up to 1 + 2 × <see cref="RankingOptions.CoInteractionWindow"/> products (17 with the
/// defaults); a message per touch cost far more than the durable profile write, so a busy product gets one message
/// per interval however many shoppers touch it, and product grains save their counters lazily.</para>
/// <para>Durability comes from the outbox: a user grain's write carries its events' touches as one numbered record
/// (<see cref="Reserve"/>) in the same transaction, and only a committed write is summed here. Each delivery names
/// the records it sums (<see cref="ActivityMark"/>), so a product applies it once. Deliveries to a product form a
/// chain, kept here until the product has saved them (<see cref="CheckpointAsync"/>); only then are the records
/// deleted. A product whose silo crashed reports the gap and gets the chain again; if this silo crashes, its records
/// are still in the outbox and <see cref="ActivityRecovery"/> on another silo (or the next start) replays them.</para>
/// </remarks>
public sealed class ProductActivityBuffer : BackgroundService
{
    private readonly IGrainFactory _grains;
    private readonly CatalogReplica _replica;
    private readonly ActivityOutboxOptions _options;
    private readonly IOutboxLog? _outbox;
    private readonly ILogger<ProductActivityBuffer> _logger;

    private readonly Lock _lock = new();
    private ActivitySums _sums;
    private long _lastSequence;
    private readonly HashSet<long> _inFlight = [];

    // Touched only inside _turn: one flush or checkpoint at a time.
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Dictionary<string, List<Sent>> _unconfirmed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unacknowledged = new(StringComparer.Ordinal);
    private long _deliveredThrough;
    private long _deletedThrough;

    public ProductActivityBuffer(
        IGrainFactory grains,
        CatalogReplica replica,
        ILocalSiloDetails silo,
        IOptions<ActivityOutboxOptions> options,
        IServiceProvider services,
        ILogger<ProductActivityBuffer> logger)
    {
        _grains = grains;
        _replica = replica;
        _options = options.Value;
        _outbox = services.GetKeyedService<IOutboxLog>(AisleStorage.Name);
        _logger = logger;
        _sums = new ActivitySums(replica.Options);
        Source = silo.SiloAddress.ToParsableString();
    }

    /// <summary>This silo incarnation's name in the outbox.</summary>
    public string Source { get; }

    /// <summary>Numbers a write's touches and makes the outbox record that must ride in the same write; then call
    /// <see cref="Commit"/> or <see cref="Abandon"/>.</summary>
    public ReservedActivity Reserve(IReadOnlyList<ActivityTouch> touches)
    {
        long sequence;
        lock (_lock)
        {
            sequence = ++_lastSequence;
            _inFlight.Add(sequence);
        }

        var payload = ActivityRecordFormat.Write(touches, CatalogKeys.Of(_replica));
        return new ReservedActivity(new OutboxRecord(Source, sequence, payload), touches);
    }

    /// <summary>The write holding <paramref name="reserved"/> committed: its touches are summed for the next delivery.</summary>
    public void Commit(ReservedActivity reserved)
    {
        lock (_lock)
        {
            foreach (var touch in reserved.Touches)
            {
                _sums.Add(touch, reserved.Outbox.Sequence);
            }

            _inFlight.Remove(reserved.Outbox.Sequence);
        }
    }

    /// <summary>The write holding <paramref name="reserved"/> failed: its number is no longer awaited.</summary>
    public void Abandon(ReservedActivity reserved)
    {
        lock (_lock)
        {
            _inFlight.Remove(reserved.Outbox.Sequence);
        }
    }

    /// <summary>Delivers everything summed so far and waits for the products' answers: each interval, at shutdown, and
    /// for batch jobs that must see their events applied.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            ActivitySums batch;
            long through;
            lock (_lock)
            {
                batch = _sums;
                _sums = new ActivitySums(_replica.Options);
                // Every record numbered up to here has committed (and is in this batch or an earlier one) or failed.
                through = _inFlight.Count == 0 ? _lastSequence : _inFlight.Min() - 1;
            }

            foreach (var (productId, activity, sequences) in batch.Activities())
            {
                if (!_unconfirmed.TryGetValue(productId, out var chain))
                {
                    _unconfirmed[productId] = chain = [];
                }

                var previous = chain.Count > 0 ? chain[^1].Delivery.Mark!.Max : 0;
                var mark = new ActivityMark(Source, sequences[^1], previous, through, [.. sequences.Where(s => s > through)]);
                chain.Add(new Sent(activity with { Mark = mark }));
                _unacknowledged.Add(productId);
            }

            _deliveredThrough = through;
            var products = _unacknowledged.ToArray();
            var delivered = await Task.WhenAll(products.Select(p => DeliverAsync(p, _unconfirmed[p])));
            for (var i = 0; i < products.Length; i++)
            {
                if (delivered[i])
                {
                    _unacknowledged.Remove(products[i]);
                }
            }

            AisleMetrics.ActivityUnconfirmed.Set(_unconfirmed.Count);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>
    /// Has every product with unconfirmed deliveries apply what it misses and save; once all have, deletes this
    /// silo's outbox records up to the last delivery's <see cref="ActivityMark.CompleteThrough"/>.
    /// </summary>
    public async Task CheckpointAsync(CancellationToken cancellationToken = default)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            var through = _deliveredThrough;
            var chains = _unconfirmed.ToArray();
            var confirmed = await Task.WhenAll(chains.Select(c => ConfirmAsync(c.Key, c.Value)));
            for (var i = 0; i < chains.Length; i++)
            {
                if (confirmed[i])
                {
                    _unconfirmed.Remove(chains[i].Key);
                    _unacknowledged.Remove(chains[i].Key);
                }
            }

            if (confirmed.All(c => c) && _outbox is not null && through > _deletedThrough)
            {
                await _outbox.DeleteThroughAsync(Source, through, cancellationToken);
                _deletedThrough = through;
            }

            AisleMetrics.ActivityUnconfirmed.Set(_unconfirmed.Count);
        }
        finally
        {
            _turn.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastCheckpoint = TimeProvider.System.GetTimestamp();
        try
        {
            using var timer = new PeriodicTimer(_replica.Options.ActivityFlushInterval);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
                if (TimeProvider.System.GetElapsedTime(lastCheckpoint) >= _options.CheckpointInterval)
                {
                    await CheckpointAsync(stoppingToken);
                    lastCheckpoint = TimeProvider.System.GetTimestamp();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Best effort within a budget: whatever is not confirmed stays in the outbox for recovery.
            using var budget = new CancellationTokenSource(_options.ShutdownBudget);
            try
            {
                await FlushAsync(budget.Token).WaitAsync(budget.Token);
                await CheckpointAsync(budget.Token).WaitAsync(budget.Token);
            }
            catch (Exception error)
            {
                _logger.LogInformation(error, "Product activity left for recovery from the outbox at shutdown");
            }
        }
    }

    /// <summary>Sends the product's deliveries it has not acknowledged; on a gap, the whole unconfirmed chain.</summary>
    private async Task<bool> DeliverAsync(string productId, List<Sent> chain)
    {
        var grain = _grains.GetGrain<IProductGrain>(productId);
        try
        {
            var first = chain.FindIndex(s => !s.Acknowledged);
            if (!await grain.RecordActivityAsync([.. chain.Skip(first).Select(s => s.Delivery)]) &&
                !await grain.RecordActivityAsync([.. chain.Select(s => s.Delivery)]))
            {
                _logger.LogWarning("Product {ProductId} refused its unconfirmed activity chain; retrying", productId);
                return false;
            }

            foreach (var sent in chain)
            {
                sent.Acknowledged = true;
            }

            return true;
        }
        catch (Exception error)
        {
            // Kept unacknowledged, sent again with the next delivery; the outbox still holds the records meanwhile.
            _logger.LogDebug(error, "Activity for product {ProductId} not delivered; will resend", productId);
            return false;
        }
    }

    private async Task<bool> ConfirmAsync(string productId, List<Sent> chain)
    {
        try
        {
            await _grains.GetGrain<IProductGrain>(productId).ConfirmActivityAsync([.. chain.Select(s => s.Delivery)]);
            return true;
        }
        catch (Exception error)
        {
            _logger.LogDebug(error, "Activity for product {ProductId} not confirmed; will retry", productId);
            return false;
        }
    }

    /// <summary>A delivery in a product's unconfirmed chain.</summary>
    private sealed class Sent(ProductActivity delivery)
    {
        public ProductActivity Delivery { get; } = delivery;
        public bool Acknowledged { get; set; }
    }
}
