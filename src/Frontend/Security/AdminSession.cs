using System.Security.Cryptography;
using System.Text;

namespace Aisle.Frontend.Security;

/// <summary>
/// The admin pages' sign-in: the admin key typed once into <c>/admin/login</c> becomes an HttpOnly, SameSite=Strict
/// cookie holding a SHA-256 of the key (never the key itself), checked on every admin page. Changing the configured
/// key signs everyone out.
/// </summary>
public static class AdminSession
{
    public const string Cookie = "aisle_admin";

    public static bool IsSignedIn(HttpContext context)
    {
        var expected = context.RequestServices.GetRequiredService<IConfiguration>()[AdminApiKey.ConfigurationKey];
        return !string.IsNullOrEmpty(expected) && context.Request.Cookies.TryGetValue(Cookie, out var token) &&
            CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(token ?? ""), Encoding.ASCII.GetBytes(Token(expected)));
    }

    /// <summary>Signs in when <paramref name="key"/> is the admin key.</summary>
    public static bool SignIn(HttpContext context, string? key)
    {
        if (!AdminApiKey.Matches(context, key))
        {
            return false;
        }

        context.Response.Cookies.Append(Cookie, Token(key!), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/admin",
            MaxAge = TimeSpan.FromHours(8),
        });
        return true;
    }

    private static string Token(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("aisle-admin:" + key)));
}
