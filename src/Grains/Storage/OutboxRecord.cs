namespace Aisle.Storage;

/// <summary>
/// A record appended to the storage's outbox in the same transaction as the grain state that carries it
/// (<see cref="IHasOutbox"/>): either both are durable or neither is. Read back and deleted through
/// <see cref="IOutboxLog"/>.
/// </summary>
/// <param name="Source">Who numbers the records: one writer process (a silo incarnation), so sequences never clash.</param>
/// <param name="Sequence">Unique within <paramref name="Source"/>; records are read back in this order.</param>
/// <param name="Payload">Opaque to the storage.</param>
public sealed record OutboxRecord(string Source, long Sequence, byte[] Payload);
