namespace Aisle.Shopping;

/// <summary>The cart after a change.</summary>
/// <param name="Error">Why the change was refused, for the shopper to read ("Sold out", "Only 3 left",
/// "Unknown product 'x'"…); when set, nothing changed and <paramref name="Cart"/> is the cart as it was.</param>
[GenerateSerializer, Immutable]
public sealed record CartUpdate(
    [property: Id(0)] Cart Cart,
    [property: Id(1)] string? Error)
{
    public bool Succeeded => Error is null;
}
