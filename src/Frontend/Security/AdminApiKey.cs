using System.Security.Cryptography;
using System.Text;

namespace Aisle.Frontend.Security;

/// <summary>
/// Admin endpoints need the key from configuration <c>Aisle:AdminApiKey</c> (environment <c>Aisle__AdminApiKey</c>) in
/// the <c>X-Api-Key</c> header: none → 401, a wrong one → 403. With no key configured, admin endpoints stay closed.
/// Checked as middleware in front of <c>/api/admin</c>, so a caller without the key learns nothing else, not even
/// whether its body would have been valid.
/// </summary>
public static class AdminApiKey
{
    public const string Header = "X-Api-Key";
    public const string ConfigurationKey = "Aisle:AdminApiKey";
    public const string PathPrefix = "/api/admin";

    public static IApplicationBuilder UseAdminApiKey(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments(PathPrefix), admin => admin.Use(async (context, next) =>
        {
            if (Deny(context) is { } denied)
            {
                await denied.ExecuteAsync(context);
                return;
            }

            await next(context);
        }));

    /// <summary>Whether <paramref name="given"/> is the configured admin key (constant time; false when none is configured).</summary>
    public static bool Matches(HttpContext context, string? given)
    {
        var expected = context.RequestServices.GetRequiredService<IConfiguration>()[ConfigurationKey];
        return !string.IsNullOrEmpty(expected) && !string.IsNullOrEmpty(given) &&
            CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
    }

    private static IResult? Deny(HttpContext context)
    {
        var expected = context.RequestServices.GetRequiredService<IConfiguration>()[ConfigurationKey];
        var given = context.Request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(given))
        {
            context.Response.Headers.WWWAuthenticate = Header;
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "API key required",
                detail: $"Admin endpoints need the {Header} header.");
        }

        if (string.IsNullOrEmpty(expected) || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected)))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "API key rejected",
                detail: string.IsNullOrEmpty(expected) ? $"No admin key is configured ({ConfigurationKey})." : "The API key is not valid.");
        }

        return null;
    }
}
