using System.Collections.Immutable;

namespace Aisle.Shopping;

/// <summary>How a checkout turns cart lines into an order, as pure functions.</summary>
public static class Checkouts
{
    /// <summary>What a refused line says when the product had <paramref name="stockLeft"/> units left.</summary>
    public static string OutOfStock(int stockLeft) => stockLeft <= 0 ? "Sold out — 0 left" : $"Only {stockLeft} left";

    /// <summary>
    /// The order as stored before the purchase is sent: every line <see cref="OrderLine.NotConfirmed"/>. It is what a
    /// retry answers if the outcome never gets recorded, so that nobody reads an unknown outcome as "not bought".
    /// </summary>
    public static Order Unconfirmed(string orderId, DateTimeOffset at, IEnumerable<OrderLine> lines) =>
        new(orderId, at, lines.Select(l => l with { Bought = false, Refusal = OrderLine.NotConfirmed }).ToArray())
        {
            Status = OrderStatus.Unconfirmed,
        };

    /// <summary>The order once the purchase answered: line i bought when <paramref name="refusals"/>[i] is null.</summary>
    public static Order Settle(Order unconfirmed, IReadOnlyList<string?> refusals) =>
        unconfirmed with
        {
            Lines = unconfirmed.Lines.Select((l, i) => l with { Bought = refusals[i] is null, Refusal = refusals[i] }).ToArray(),
            Status = OrderStatus.Placed,
        };

    /// <summary>The orders with <paramref name="order"/> in place of the one with its id, or first; the oldest beyond
    /// <see cref="CartLimits.MaxOrders"/> are forgotten.</summary>
    public static ImmutableList<Order> Remember(ImmutableList<Order> orders, Order order)
    {
        var index = orders.FindIndex(o => o.OrderId == order.OrderId);
        if (index >= 0)
        {
            return orders.SetItem(index, order);
        }

        var remembered = orders.Insert(0, order);
        return remembered.Count > CartLimits.MaxOrders ? remembered.RemoveRange(CartLimits.MaxOrders, remembered.Count - CartLimits.MaxOrders) : remembered;
    }
}
