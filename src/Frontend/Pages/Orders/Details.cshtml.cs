using Aisle.Frontend.Application;
using Aisle.Frontend.Storefront;
using Aisle.Shopping;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aisle.Frontend.Pages.Orders;

/// <summary>One order: confirmed, partly placed (each refusal listed) or nothing bought.</summary>
public sealed class DetailsModel(ShoppingCart cart) : PageModel
{
    [FromRoute]
    public string OrderId { get; set; } = "";

    public Order? Order { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync()
    {
        var outcome = await cart.GetOrderAsync(ShopperIdentity.Current(HttpContext), OrderId);
        Order = outcome.Value;
        if (outcome.Problem is { } problem)
        {
            Error = problem.Detail;
            Response.StatusCode = problem.Status;
        }
    }
}
