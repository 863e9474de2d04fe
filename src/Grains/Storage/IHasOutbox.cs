namespace Aisle.Storage;

/// <summary>
/// A grain state that can carry one <see cref="OutboxRecord"/> into its next write: Aisle's storages append the
/// record to their outbox in the transaction that writes the state, and only when that write is applied. The
/// property is not part of the stored state (it has no serializer id), and the grain clears it after the write.
/// </summary>
public interface IHasOutbox
{
    OutboxRecord? Outbox { get; }
}
