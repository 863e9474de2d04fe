namespace Aisle.Shopping;

/// <summary>Bounds of a cart and its order history: they keep the grain's state, and every write of it, small.</summary>
public static class CartLimits
{
    public const int MaxQuantityPerLine = 99;

    public const int MaxLines = 50;

    /// <summary>Orders kept per shopper; an order id older than these is forgotten, and with it its idempotence.</summary>
    public const int MaxOrders = 50;
}
