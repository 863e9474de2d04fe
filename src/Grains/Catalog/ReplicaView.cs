namespace Aisle.Catalog;

/// <summary>What one silo's replica holds for a product: lets an operator (or a test) see whether a change made on
/// one silo reached the others.</summary>
[GenerateSerializer, Immutable]
public sealed record ReplicaView(
    [property: Id(0)] string ProductId,
    [property: Id(1)] long Version,
    [property: Id(2)] double? Price,
    [property: Id(3)] int Stock,
    [property: Id(4)] double Popularity,
    [property: Id(5)] IReadOnlyList<string> Neighbours);
