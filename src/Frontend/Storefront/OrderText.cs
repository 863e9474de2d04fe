using Aisle.Shopping;

namespace Aisle.Frontend.Storefront;

/// <summary>How the pages name an order's outcome.</summary>
public static class OrderText
{
    public static string Headline(Order order) =>
        order.Status == OrderStatus.Unconfirmed ? "Order not confirmed"
        : !order.AnyBought ? "Nothing could be bought"
        : order.Lines.Any(l => !l.Bought) ? "Order partly placed"
        : "Order confirmed";
}
