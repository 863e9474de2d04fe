using Aisle.Frontend.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aisle.Frontend.Pages.Admin;

/// <summary>Admin pages need the admin session (<see cref="AdminSession"/>); without it they send to the sign-in page.</summary>
public abstract class AdminPageModel : PageModel
{
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        if (!AdminSession.IsSignedIn(HttpContext))
        {
            context.Result = new RedirectResult("/admin/login?returnUrl=" + Uri.EscapeDataString(Request.Path + Request.QueryString));
        }
    }
}
