using System.Security.Cryptography;
using System.Text;

namespace Aisle.Frontend.Security;

/// <summary>
/// The admin pages' sign-in: the admin key typed once into <c>/admin/login</c> becomes an HttpOnly, SameSite=Strict
/// cookie holding a hash derived from the key's SHA-256 (never the key itself), checked on every admin page against
/// every configured key (<see cref="AdminKeys"/>). Removing a key signs out whoever signed in with it.
/// </summary>
public static class AdminSession
{
    public const string Cookie = "aisle_admin";

    public static bool IsSignedIn(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(Cookie, out var token) || string.IsNullOrEmpty(token))
        {
            return false;
        }

        var signedIn = false;
        foreach (var (_, hash) in context.RequestServices.GetRequiredService<AdminKeys>().Hashes())
        {
            signedIn |= CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(token), Encoding.ASCII.GetBytes(Token(hash)));
        }

        return signedIn;
    }

    /// <summary>Signs in when <paramref name="key"/> is one of the admin keys.</summary>
    public static bool SignIn(HttpContext context, string? key)
    {
        if (context.RequestServices.GetRequiredService<AdminKeys>().Match(key) is null)
        {
            return false;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key!));
        context.Response.Cookies.Append(Cookie, Token(hash), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/admin",
            MaxAge = TimeSpan.FromHours(8),
        });
        return true;
    }

    private static string Token(byte[] keyHash) => Convert.ToHexString(SHA256.HashData([.. "aisle-admin:"u8, .. keyHash]));
}
