using Aisle.Products;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aisle.Catalog;

/// <summary>
/// Cross-silo propagation of product changes: every snapshot a product grain publishes on this silo is applied to
/// the local replica at once (by <see cref="CatalogReplica.Publish"/>) and sent to every other active silo's
/// <see cref="IReplicaSinkGrain"/> within <see cref="Interval"/>.
/// </summary>
/// <remarks>
/// Sending one message per change would multiply every view event by the number of silos; instead changes are
/// coalesced per product (the newest wins, as in the replica) and shipped as one batch per silo per interval.
/// Delivery is best-effort, which is enough because the replica is a cache of decisions made elsewhere: stock and
/// price are decided by the product grain (the single writer) and persisted before they are published, so a silo
/// that missed a batch still refuses an oversell, and a restarted silo reloads them from storage.
/// </remarks>
public sealed partial class ReplicaFeed(
    CatalogReplica replica,
    IGrainFactory grains,
    IClusterMembershipService membership,
    ILocalSiloDetails silo,
    ILogger<ReplicaFeed> logger) : BackgroundService
{
    /// <summary>How long a change may wait before it is sent to the other silos.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly Lock _lock = new();
    private Dictionary<string, ProductSnapshot> _pending = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        replica.Published += Enqueue;
        try
        {
            await ActivateOwnSinkAsync(stoppingToken);
            using var timer = new PeriodicTimer(Interval);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                SendPending();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            replica.Published -= Enqueue;
            SendPending();
        }
    }

    private void Enqueue(ProductSnapshot snapshot)
    {
        lock (_lock)
        {
            if (!_pending.TryGetValue(snapshot.ProductId, out var held) || held.Version <= snapshot.Version)
            {
                _pending[snapshot.ProductId] = snapshot;
            }
        }
    }

    private async Task ActivateOwnSinkAsync(CancellationToken cancellationToken)
    {
        // The silo's grain calls work once it is active; until then (and on transient errors) try again.
        var sink = grains.GetGrain<IReplicaSinkGrain>(silo.SiloAddress.ToParsableString());
        while (true)
        {
            try
            {
                await sink.PingAsync().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogSinkNotReady(logger, ex.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }
        }
    }

    private void SendPending()
    {
        ReplicaUpdate[] batch;
        lock (_lock)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            batch = _pending.Values.Select(snapshot => ReplicaUpdate.From(snapshot, replica)).ToArray();
            _pending.Clear();
        }

        foreach (var (address, member) in membership.CurrentSnapshot.Members)
        {
            if (member.Status != SiloStatus.Active || address.Equals(silo.SiloAddress))
            {
                continue;
            }

            // One-way: a slow or dying silo must not hold up this loop.
            grains.GetGrain<IReplicaSinkGrain>(address.ToParsableString()).ApplyAsync(replica.Fingerprint, batch).Ignore();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Replica sink of this silo not reachable yet: {Reason}")]
    private static partial void LogSinkNotReady(ILogger logger, string reason);
}
