using Aisle.Storage;

namespace Aisle.Products;

/// <summary>A write's touches with the outbox record that must ride in the write (<see cref="ProductActivityBuffer.Reserve"/>).</summary>
public sealed record ReservedActivity(OutboxRecord Outbox, IReadOnlyList<ActivityTouch> Touches);
