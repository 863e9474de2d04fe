namespace Aisle.Shopping;

/// <summary>One cart line as the checkout left it.</summary>
/// <param name="Name">The product's name at checkout, so the order reads well without the catalog.</param>
/// <param name="UnitPrice">The live price at checkout; null when the catalog has none.</param>
/// <param name="Refusal">Why the line was not bought ("Sold out — 0 left", <see cref="NotConfirmed"/>); null when bought.</param>
[GenerateSerializer, Immutable]
public sealed record OrderLine(
    [property: Id(0)] string ProductId,
    [property: Id(1)] string Name,
    [property: Id(2)] int Quantity,
    [property: Id(3)] decimal? UnitPrice,
    [property: Id(4)] string? RequestId,
    [property: Id(5)] bool Bought,
    [property: Id(6)] string? Refusal)
{
    /// <summary>The refusal of every line of an <see cref="OrderStatus.Unconfirmed"/> order.</summary>
    public const string NotConfirmed = "Not confirmed: check your orders";
}
