namespace Aisle.Shopping;

/// <summary>
/// A shopper's cart and orders (key: shopper id), kept in a grain so they survive a restart and follow the shopper
/// across silos. Every change is written before it is answered.
/// </summary>
public interface ICartGrain : IGrainWithStringKey
{
    Task<Cart> GetAsync();

    /// <summary>
    /// Adds <paramref name="quantity"/> units to the line of that product. A new line keeps
    /// <paramref name="requestId"/> (the id of the list the shopper found the product in, for attribution); an existing
    /// line keeps the request id it has, or takes this one when it had none.
    /// </summary>
    /// <returns>The cart, and an error ("Sold out", "Only 3 left", "Unknown product 'x'"…) when nothing changed.</returns>
    Task<CartUpdate> AddAsync(string productId, int quantity, string? requestId);

    /// <summary>Sets the line's quantity; 0 removes the line, a product not in the cart gets a new line.</summary>
    Task<CartUpdate> SetQuantityAsync(string productId, int quantity);

    Task<Cart> RemoveAsync(string productId);

    /// <summary>
    /// Buys every line in one call to the shopper's user grain, which reserves stock per line (all or nothing per
    /// line, never oversold). Bought lines leave the cart; refused lines stay, with the refusal on the order line.
    /// Idempotent by <paramref name="orderId"/> among the last <see cref="CartLimits.MaxOrders"/> orders: a second call
    /// with the same id answers the first order with <see cref="CheckoutResult.Repeated"/> and buys nothing.
    /// An empty cart answers an order without lines (<see cref="CheckoutResult.CartWasEmpty"/>) and stores nothing.
    /// </summary>
    Task<CheckoutResult> CheckoutAsync(string orderId);

    Task<Order?> GetOrderAsync(string orderId);

    /// <summary>The last <see cref="CartLimits.MaxOrders"/> orders, newest first.</summary>
    Task<IReadOnlyList<Order>> GetOrdersAsync();
}
