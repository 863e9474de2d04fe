using Aisle.Frontend.Application;
using Aisle.Frontend.Storefront;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aisle.Frontend.Pages;

/// <summary>The header's "Browse as" form: sets the shopper cookie to the given id and goes back.</summary>
public sealed class ShopperModel : PageModel
{
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public IActionResult OnPost([FromForm] string? shopperId, [FromForm] string? returnUrl)
    {
        var v = new RequestValidator();
        var id = v.Id("Browse as", shopperId?.Trim(), required: true);
        if (!v.IsValid)
        {
            Error = "Shopper id must be 1 to 128 letters, digits or _ - . : @.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        ShopperIdentity.Set(HttpContext, id!);
        return LocalRedirect(returnUrl is not null && Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
