namespace Aisle.Storage;

/// <summary>
/// The outbox of a grain storage: the <see cref="OutboxRecord"/>s written beside grain states and not yet deleted.
/// Resolve it with <c>GetKeyedService&lt;IOutboxLog&gt;(storageName)</c>; a storage without an outbox has none.
/// </summary>
public interface IOutboxLog
{
    /// <summary>Every source with at least one record left.</summary>
    Task<IReadOnlyList<string>> SourcesAsync(CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> records of <paramref name="source"/> after <paramref name="afterSequence"/>,
    /// in sequence order.</summary>
    Task<IReadOnlyList<OutboxRecord>> ReadAsync(string source, long afterSequence, int limit, CancellationToken cancellationToken = default);

    /// <summary>Deletes the records of <paramref name="source"/> up to and including <paramref name="throughSequence"/>.</summary>
    Task DeleteThroughAsync(string source, long throughSequence, CancellationToken cancellationToken = default);
}
