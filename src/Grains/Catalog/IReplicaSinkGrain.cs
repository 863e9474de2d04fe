using Orleans.Concurrency;

namespace Aisle.Catalog;

/// <summary>
/// The inbox of one silo's <see cref="CatalogReplica"/> for product changes made on other silos (key: the silo's
/// address, <c>SiloAddress.ToParsableString()</c>). Activated by its own silo at start and kept there; see
/// <see cref="ReplicaFeed"/>.
/// </summary>
public interface IReplicaSinkGrain : IGrainWithStringKey
{
    /// <summary>Applies updates to this silo's replica (older versions than what it holds are ignored) when
    /// <paramref name="catalogFingerprint"/> is this silo's catalog, whose rows the updates use.</summary>
    [OneWay]
    Task ApplyAsync(string catalogFingerprint, ReplicaUpdate[] updates);

    /// <summary>This silo's replica entry for <paramref name="productId"/>; null for an unknown id.</summary>
    Task<ReplicaView?> ReadAsync(string productId);

    /// <summary>Activates the sink; a silo calls it on its own sink at start so the activation lives there.</summary>
    Task<bool> PingAsync();
}
