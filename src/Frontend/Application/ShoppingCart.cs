using Aisle.Recommendations;
using Aisle.Shopping;
using Aisle.Users;

namespace Aisle.Frontend.Application;

/// <summary>A cart as a shopper sees it: each line with the product's live name, price and stock.</summary>
/// <param name="Count">Units in the cart.</param>
/// <param name="Total">What the lines cost at their live prices (lines without a price count 0).</param>
public sealed record CartView(IReadOnlyList<CartViewLine> Lines, int Count, decimal Total)
{
    public static readonly CartView Empty = new([], 0, 0m);
}

/// <param name="Product">The product as the catalog shows it now; null when the catalog no longer holds it.</param>
public sealed record CartViewLine(string ProductId, int Quantity, string? RequestId, DateTimeOffset AddedAt, RankedItem? Product)
{
    public string Name => Product?.Name ?? ProductId;

    public decimal? UnitPrice => Product?.Price;

    public decimal? LineTotal => UnitPrice * Quantity;
}

/// <summary>The body of <c>POST /api/users/{id}/cart/items</c>.</summary>
public sealed record CartItemRequest(string? ProductId, int? Quantity, string? RequestId);

/// <summary>The body of <c>PUT /api/users/{id}/cart/items/{productId}</c>.</summary>
public sealed record CartQuantityRequest(int? Quantity);

/// <summary>The body of <c>POST /api/users/{id}/orders</c>: the id makes a checkout idempotent (a retry buys nothing).</summary>
public sealed record CheckoutRequest(string? OrderId);

/// <summary>
/// A shopper's cart and orders for the JSON API and the storefront pages: validates the input, edits the cart grain,
/// records the add-to-cart event (the purchase itself is recorded by the cart grain through the user grain), and
/// counts each line a checkout bought or refused in the business metrics.
/// </summary>
public sealed class ShoppingCart(IGrainFactory grains, ShopperEvents events, CatalogQueries catalog, ILogger<ShoppingCart> log)
{
    public const int MinQuantity = 1;
    public const int MaxQuantity = CartLimits.MaxQuantityPerLine;

    public async Task<Outcome<CartView>> GetAsync(string? userId)
    {
        var v = new RequestValidator();
        var user = v.Id("id", userId, required: true);
        if (!v.IsValid)
        {
            return v.Problem();
        }

        return await ViewAsync(await Cart(user!).GetAsync());
    }

    /// <summary>Adds units of a product; a refusal ("Sold out", "Only 3 left") is a 409, an unknown product a 404.</summary>
    public async Task<Outcome<CartView>> AddAsync(string? userId, string? productId, int? quantity, string? requestId)
    {
        var v = new RequestValidator();
        var user = v.Id("id", userId, required: true);
        var product = v.Id("productId", productId, required: true);
        var count = Quantity(v, quantity ?? 1);
        var rid = v.Text("requestId", requestId, RequestValidator.MaxIdLength);
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var update = await Cart(user!).AddAsync(product!, count, rid);
        if (update.Error is { } error)
        {
            return Refused(product!, error);
        }

        try
        {
            await events.RecordOneAsync(user!, InteractionKind.AddToCart, product, quantity: count, requestId: rid);
        }
        catch (Exception ex) when (ex is not CatalogNotReadyException)
        {
            // The cart changed; the behaviour signal is best effort.
            log.LogWarning(ex, "Could not record add_to_cart for {UserId}", user);
        }

        return await ViewAsync(update.Cart);
    }

    public async Task<Outcome<CartView>> SetQuantityAsync(string? userId, string? productId, int? quantity)
    {
        var v = new RequestValidator();
        var user = v.Id("id", userId, required: true);
        var product = v.Id("productId", productId, required: true);
        if (quantity is null)
        {
            v.Fail("quantity", "quantity is required.");
        }

        var count = Quantity(v, quantity ?? 1);
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var update = await Cart(user!).SetQuantityAsync(product!, count);
        return update.Error is { } error ? Refused(product!, error) : await ViewAsync(update.Cart);
    }

    public async Task<Outcome<CartView>> RemoveAsync(string? userId, string? productId)
    {
        var v = new RequestValidator();
        var user = v.Id("id", userId, required: true);
        var product = v.Id("productId", productId, required: true);
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var cart = await Cart(user!).RemoveAsync(product!);
        try
        {
            // A removal is mild negative feedback on the product for this shopper's recommendations.
            await events.RecordOneAsync(user!, InteractionKind.RemoveFromCart, product);
        }
        catch (Exception ex) when (ex is not CatalogNotReadyException)
        {
            // The cart changed; the behaviour signal is best effort.
            log.LogWarning(ex, "Could not record remove_from_cart for {UserId}", user);
        }

        return await ViewAsync(cart);
    }

    /// <summary>
    /// Buys the cart under <paramref name="orderId"/> (idempotent: a repeated id answers the first order and buys
    /// nothing). An empty cart is a 409; an order that bought nothing is stored but answered as a 409 naming each
    /// refusal, with the order id in the problem's <c>orderId</c> extension.
    /// </summary>
    public async Task<Outcome<CheckoutResult>> CheckoutAsync(string? userId, string? orderId)
    {
        var v = new RequestValidator();
        var user = v.Id("id", userId, required: true);
        var order = v.Id("orderId", orderId, required: true);
        if (!v.IsValid)
        {
            return v.Problem();
        }

        var result = await Cart(user!).CheckoutAsync(order!);
        // The purchases were applied by the cart grain through the user grain; count them here as the events API does.
        foreach (var outcome in result.Outcomes)
        {
            ShopperEvents.Count(InteractionKind.Purchase, outcome);
        }

        if (result.CartWasEmpty)
        {
            return new AppProblem(StatusCodes.Status409Conflict, "Your cart is empty", "There is nothing in the cart to buy.");
        }

        if (!result.Order.AnyBought)
        {
            return new AppProblem(StatusCodes.Status409Conflict, "Nothing could be bought",
                string.Join("; ", result.Order.Lines.Select(l => $"{l.Name}: {l.Refusal ?? "refused"}")),
                Extensions: new Dictionary<string, object?> { ["orderId"] = result.Order.OrderId, ["order"] = result.Order });
        }

        return result;
    }

    public async Task<Outcome<Order>> GetOrderAsync(string? userId, string? orderId)
    {
        var v = new RequestValidator();
        var user = v.Id("id", userId, required: true);
        var order = v.Id("orderId", orderId, required: true);
        if (!v.IsValid)
        {
            return v.Problem();
        }

        return await Cart(user!).GetOrderAsync(order!) is { } found ? found : AppProblem.NotFound("order", order!);
    }

    /// <summary>The shopper's last orders, newest first.</summary>
    public async Task<Outcome<IReadOnlyList<Order>>> GetOrdersAsync(string? userId)
    {
        var v = new RequestValidator();
        var user = v.Id("id", userId, required: true);
        if (!v.IsValid)
        {
            return v.Problem();
        }

        return new Outcome<IReadOnlyList<Order>>(await Cart(user!).GetOrdersAsync(), null);
    }

    private ICartGrain Cart(string userId) => grains.GetGrain<ICartGrain>(userId);

    private static int Quantity(RequestValidator v, int quantity)
    {
        if (quantity is < MinQuantity or > MaxQuantity)
        {
            v.Fail("quantity", $"quantity must be a whole number from {MinQuantity} to {MaxQuantity}.");
        }

        return quantity;
    }

    private static AppProblem Refused(string productId, string error) =>
        error == CartEdits.Unknown(productId)
            ? AppProblem.NotFound("product", productId)
            : new AppProblem(StatusCodes.Status409Conflict, "Not added to the cart", error,
                Extensions: new Dictionary<string, object?> { ["productId"] = productId });

    private async Task<CartView> ViewAsync(Cart cart)
    {
        if (cart.Lines.Count == 0)
        {
            return CartView.Empty;
        }

        var products = (await catalog.GetItemsAsync(cart.Lines.Select(l => l.ProductId).ToArray()))
            .ToDictionary(p => p.Id, StringComparer.Ordinal);
        var lines = cart.Lines
            .Select(l => new CartViewLine(l.ProductId, l.Quantity, l.RequestId, l.AddedAt, products.GetValueOrDefault(l.ProductId)))
            .ToArray();
        return new CartView(lines, cart.Count, lines.Sum(l => l.LineTotal ?? 0m));
    }
}
