using Aisle.Observability;

namespace Aisle.Catalog;

/// <summary>
/// One per silo, on that silo (placed by its key, <see cref="SiloKeyedPlacement"/>): hands snapshots from other silos
/// to the local <see cref="CatalogReplica"/>. Its silo activates it at start (<see cref="ReplicaFeed"/>). An activation
/// anywhere else would feed the wrong replica, so it refuses to exist.
/// </summary>
[GrainType("replica-sink")]
[SiloKeyedPlacement]
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class ReplicaSinkGrain(CatalogReplica replica, ILocalSiloDetails silo) : Grain, IReplicaSinkGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        this.GetPrimaryKeyString() == silo.SiloAddress.ToParsableString()
            ? Task.CompletedTask
            : throw new InvalidOperationException($"Replica sink {this.GetPrimaryKeyString()} cannot live on {silo.SiloAddress}.");

    public Task ApplyAsync(string catalogFingerprint, ReplicaUpdate[] updates)
    {
        if (catalogFingerprint != replica.Fingerprint)
        {
            // Another catalog (a rolling upgrade under way): its rows are not ours. This silo still answers from its
            // own replica, and gets the current values from storage when it restarts on the new catalog.
            AisleMetrics.ReplicaUpdatesDropped.Inc(updates.Length);
            return Task.CompletedTask;
        }

        foreach (var update in updates)
        {
            replica.Apply(update.ToSnapshot(replica));
        }

        return Task.CompletedTask;
    }

    public Task<ReplicaView?> ReadAsync(string productId) => Task.FromResult(
        replica.TryGetRow(productId, out var row)
            ? new ReplicaView(productId, replica.VersionOf(row), replica.Price(row), replica.Stock(row),
                replica.Popularity(row, DateTimeOffset.UtcNow), replica.Neighbours(row))
            : null);

    public Task<bool> PingAsync() => Task.FromResult(true);
}
