using Aisle.Frontend.Application;
using Aisle.Frontend.Storefront;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aisle.Frontend.Pages;

/// <summary>The cart: change quantities, remove lines, place the order. The checkout form carries a fresh order id,
/// so submitting it twice buys once.</summary>
public sealed class CartModel(ShoppingCart cart, CatalogQueries catalog) : PageModel
{
    public CartView Cart { get; private set; } = CartView.Empty;

    public string? Status { get; private set; }

    public string? Error { get; private set; }

    public string NewOrderId { get; } = Guid.NewGuid().ToString("N");

    public async Task<IActionResult> OnGetAsync([FromQuery] string? added, [FromQuery] string? removed, [FromQuery] string? updated)
    {
        if (added is not null)
        {
            var product = await catalog.GetProductAsync(added);
            Status = product.Value is { } p ? $"Added {p.Product.Name} to your cart." : "Added to your cart.";
        }
        else if (updated is not null)
        {
            Status = "Your cart was updated.";
        }
        else if (removed is not null)
        {
            Status = "Removed from your cart.";
        }

        return await ShowAsync(null);
    }

    public async Task<IActionResult> OnPostUpdateAsync([FromForm] string? productId, [FromForm] string? quantity)
    {
        var count = int.TryParse(quantity, out var parsed) ? parsed : 0;
        var outcome = await cart.SetQuantityAsync(Shopper, productId, count);
        if (outcome.Problem is { } problem)
        {
            return await ShowAsync(problem);
        }

        return Redirect("/cart?updated=1");
    }

    public async Task<IActionResult> OnPostRemoveAsync([FromForm] string? productId)
    {
        var outcome = await cart.RemoveAsync(Shopper, productId);
        return outcome.Problem is { } problem ? await ShowAsync(problem) : Redirect("/cart?removed=1");
    }

    public async Task<IActionResult> OnPostCheckoutAsync([FromForm] string? orderId)
    {
        var outcome = await cart.CheckoutAsync(Shopper, orderId);
        if (outcome.Value is { } result)
        {
            return Redirect("/orders/" + Uri.EscapeDataString(result.Order.OrderId));
        }

        var problem = outcome.Problem!;
        // Nothing could be bought: the order (every refusal) is stored; show it.
        if (problem.Extensions?.GetValueOrDefault("orderId") is string stored)
        {
            return Redirect("/orders/" + Uri.EscapeDataString(stored));
        }

        return await ShowAsync(problem);
    }

    private string Shopper => ShopperIdentity.Current(HttpContext);

    private async Task<IActionResult> ShowAsync(AppProblem? problem)
    {
        var current = await cart.GetAsync(Shopper);
        Cart = current.Value ?? CartView.Empty;
        if ((problem ?? current.Problem) is { } shown)
        {
            Error = shown.Detail;
            Response.StatusCode = shown.Status;
        }

        return Page();
    }
}
