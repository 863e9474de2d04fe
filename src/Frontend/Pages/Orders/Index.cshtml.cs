using Aisle.Frontend.Application;
using Aisle.Frontend.Storefront;
using Aisle.Shopping;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aisle.Frontend.Pages.Orders;

/// <summary>The shopper's orders, newest first.</summary>
public sealed class IndexModel(ShoppingCart cart) : PageModel
{
    public IReadOnlyList<Order> Orders { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task OnGetAsync()
    {
        var outcome = await cart.GetOrdersAsync(ShopperIdentity.Current(HttpContext));
        Orders = outcome.Value ?? [];
        if (outcome.Problem is { } problem)
        {
            Error = problem.Detail;
            Response.StatusCode = problem.Status;
        }
    }
}
