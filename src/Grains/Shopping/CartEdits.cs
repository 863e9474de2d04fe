using System.Collections.Immutable;

namespace Aisle.Shopping;

/// <summary>
/// The rules of editing a cart, as pure functions of the lines and the product's stock as the silo's replica shows
/// it. That stock is a view (another silo's sale may not have arrived yet): the checkout's reservation is the
/// authority, these checks only spare the shopper a line that is plainly unavailable.
/// </summary>
public static class CartEdits
{
    public static string Unknown(string productId) => $"Unknown product '{productId}'";

    /// <summary>Adds <paramref name="quantity"/> units to the product's line, or a new line at the end.</summary>
    public static CartEdit Add(
        ImmutableList<CartLine> lines, string productId, int quantity, string? requestId, int stock, DateTimeOffset now)
    {
        if (quantity is < 1 or > CartLimits.MaxQuantityPerLine)
        {
            return CartEdit.Refused(lines, $"Quantity must be 1 to {CartLimits.MaxQuantityPerLine}");
        }

        var index = lines.FindIndex(l => l.ProductId == productId);
        var wanted = (index >= 0 ? lines[index].Quantity : 0) + quantity;
        if (Refusal(lines, index, wanted, stock) is { } error)
        {
            return CartEdit.Refused(lines, error);
        }

        if (index < 0)
        {
            return new CartEdit(lines.Add(new CartLine(productId, quantity, requestId, now)), null);
        }

        // The first list that led to the product keeps the credit; a later one only fills a missing id.
        var line = lines[index];
        return new CartEdit(lines.SetItem(index, line with { Quantity = wanted, RequestId = line.RequestId ?? requestId }), null);
    }

    /// <summary>Sets the product's line to <paramref name="quantity"/> units: 0 removes it, a missing line is added.</summary>
    public static CartEdit SetQuantity(ImmutableList<CartLine> lines, string productId, int quantity, int stock, DateTimeOffset now)
    {
        if (quantity is < 0 or > CartLimits.MaxQuantityPerLine)
        {
            return CartEdit.Refused(lines, $"Quantity must be 0 to {CartLimits.MaxQuantityPerLine}");
        }

        if (quantity == 0)
        {
            return new CartEdit(Remove(lines, productId), null);
        }

        var index = lines.FindIndex(l => l.ProductId == productId);
        if (Refusal(lines, index, quantity, stock) is { } error)
        {
            return CartEdit.Refused(lines, error);
        }

        return index < 0
            ? new CartEdit(lines.Add(new CartLine(productId, quantity, null, now)), null)
            : new CartEdit(lines.SetItem(index, lines[index] with { Quantity = quantity }), null);
    }

    public static ImmutableList<CartLine> Remove(ImmutableList<CartLine> lines, string productId) =>
        lines.RemoveAll(l => l.ProductId == productId);

    /// <summary>Why a line of <paramref name="wanted"/> units can't be (line <paramref name="index"/>, -1 for a new
    /// one); null when it can.</summary>
    private static string? Refusal(ImmutableList<CartLine> lines, int index, int wanted, int stock)
    {
        if (stock <= 0)
        {
            return "Sold out";
        }

        if (wanted > CartLimits.MaxQuantityPerLine)
        {
            return $"At most {CartLimits.MaxQuantityPerLine} of one product";
        }

        if (wanted > stock)
        {
            return $"Only {stock} left";
        }

        if (index < 0 && lines.Count >= CartLimits.MaxLines)
        {
            return $"Your cart is full ({CartLimits.MaxLines} products)";
        }

        return null;
    }
}
