namespace Aisle.Shopping;

/// <summary>One checkout: every cart line it tried to buy, bought or refused.</summary>
[GenerateSerializer, Immutable]
public sealed record Order(
    [property: Id(0)] string OrderId,
    [property: Id(1)] DateTimeOffset PlacedAt,
    [property: Id(2)] IReadOnlyList<OrderLine> Lines)
{
    [Id(3)] public OrderStatus Status { get; init; } = OrderStatus.Placed;

    /// <summary>What the bought lines cost at their prices at checkout; lines without a known price count 0.</summary>
    public decimal Total => Lines.Where(l => l.Bought).Sum(l => (l.UnitPrice ?? 0m) * l.Quantity);

    public bool AnyBought => Lines.Any(l => l.Bought);
}
