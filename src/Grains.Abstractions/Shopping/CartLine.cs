namespace Aisle.Shopping;

/// <summary>One product in the cart.</summary>
/// <param name="Quantity">1 to <see cref="CartLimits.MaxQuantityPerLine"/>.</param>
/// <param name="RequestId">The id of the list the shopper found the product in (attribution); null when unknown.</param>
/// <param name="AddedAt">When the line was created; adding more units later keeps it.</param>
[GenerateSerializer, Immutable]
public sealed record CartLine(
    [property: Id(0)] string ProductId,
    [property: Id(1)] int Quantity,
    [property: Id(2)] string? RequestId,
    [property: Id(3)] DateTimeOffset AddedAt);
