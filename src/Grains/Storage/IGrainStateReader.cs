namespace Aisle.Storage;

/// <summary>
/// Bulk read of every persisted state of one kind, without activating grains. Used at silo start by the
/// per-silo catalog replica to apply persisted product changes to the bundled catalog before serving, where
/// activating 20k product grains would take long and evict nothing useful.
/// Resolve it with <c>GetRequiredKeyedService&lt;IGrainStateReader&gt;(storageName)</c>.
/// </summary>
public interface IGrainStateReader
{
    /// <summary>
    /// Streams every live (written and not cleared) state stored under <paramref name="stateName"/>, the name given
    /// in <c>[PersistentState(stateName, storageName)]</c>. Order is unspecified.
    /// </summary>
    /// <param name="stateName">The state name the grains persist under.</param>
    /// <param name="grainType">When set, only grains of this Orleans grain type (e.g. <c>product</c>); states of
    /// different grain types can share a state name.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    IAsyncEnumerable<StoredGrainState<T>> ReadAllAsync<T>(
        string stateName, string? grainType = null, CancellationToken cancellationToken = default);
}
