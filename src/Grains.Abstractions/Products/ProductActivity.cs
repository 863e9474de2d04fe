namespace Aisle.Products;

/// <summary>
/// What shoppers did with one product since the last delivery, summed per silo (see <c>ProductActivityBuffer</c>):
/// counter increments and co-interaction link weights, each already decayed to <see cref="At"/>. Decayed sums are
/// linear, so adding this once gives exactly what adding every event one by one would have.
/// </summary>
/// <remarks><see cref="Mark"/> names the outbox records summed, for exactly-once delivery.</remarks>
[GenerateSerializer, Immutable]
public sealed record ProductActivity(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] double Views,
    [property: Id(2)] double Carts,
    [property: Id(3)] double Purchases,
    [property: Id(4)] double Popularity,
    [property: Id(5)] ActivityLink[] Links,
    [property: Id(6)] ActivityLink[] Next)
{
    [Id(7)] public ActivityMark? Mark { get; init; }
}

/// <summary>Weight added to the link from a product to <see cref="ProductId"/>, as of the activity's time.</summary>
[GenerateSerializer, Immutable]
public readonly record struct ActivityLink([property: Id(0)] string ProductId, [property: Id(1)] double Weight);
