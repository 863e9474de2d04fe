using System.Security.Cryptography;
using Aisle.Frontend.Application;

namespace Aisle.Frontend.Storefront;

/// <summary>
/// The anonymous shopper a browser is: a first-party cookie <c>aisle_shopper</c> holding an id like
/// <c>s-0123456789abcdef</c> (HttpOnly, SameSite=Lax, Secure over HTTPS, one year). A browser without a valid one gets
/// a new id; the header's "Browse as" form sets it to any valid shopper id.
/// </summary>
public static class ShopperIdentity
{
    public const string CookieName = "aisle_shopper";
    private static readonly object ItemKey = new();

    /// <summary>The request's shopper id, issuing a cookie with a new one when the browser sent none (or an invalid one).</summary>
    public static string Current(HttpContext http)
    {
        if (http.Items.TryGetValue(ItemKey, out var cached) && cached is string id)
        {
            return id;
        }

        var sent = http.Request.Cookies[CookieName];
        if (sent is not null && IsValid(sent))
        {
            http.Items[ItemKey] = sent;
            return sent;
        }

        return Set(http, NewId());
    }

    /// <summary>Makes <paramref name="shopperId"/> (already validated) this browser's shopper.</summary>
    public static string Set(HttpContext http, string shopperId)
    {
        if (!http.Response.HasStarted)
        {
            http.Response.Cookies.Append(CookieName, shopperId, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = http.Request.IsHttps,
                IsEssential = true,
                Path = "/",
                MaxAge = TimeSpan.FromDays(365),
            });
        }

        http.Items[ItemKey] = shopperId;
        return shopperId;
    }

    public static string NewId() => "s-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private static bool IsValid(string id)
    {
        var v = new RequestValidator();
        v.Id("shopper", id, required: true);
        return v.IsValid;
    }
}
