namespace Aisle.Shopping;

/// <summary>What the shopper means to buy, lines in the order they were added.</summary>
[GenerateSerializer, Immutable]
public sealed record Cart([property: Id(0)] IReadOnlyList<CartLine> Lines)
{
    public static readonly Cart Empty = new([]);

    /// <summary>Units in the cart, summed over lines (what a cart badge shows).</summary>
    public int Count => Lines.Sum(l => l.Quantity);
}
