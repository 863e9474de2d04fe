using Aisle.Frontend.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aisle.Frontend.Pages.Admin;

public sealed class LoginModel : PageModel
{
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public IActionResult OnPost(string? key, string? returnUrl)
    {
        if (!AdminSession.SignIn(HttpContext, key))
        {
            Error = "That is not the admin key (Aisle:AdminApiKey), or no key is configured.";
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        return LocalRedirect(returnUrl is not null && Url.IsLocalUrl(returnUrl) ? returnUrl : "/admin/experiments");
    }
}
