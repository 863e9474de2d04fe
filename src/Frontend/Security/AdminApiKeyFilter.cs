using System.Security.Cryptography;
using System.Text;

namespace Aisle.Frontend.Security;

/// <summary>
/// Admin endpoints need the key from configuration <c>Aisle:AdminApiKey</c> (environment <c>Aisle__AdminApiKey</c>) in
/// the <c>X-Api-Key</c> header: none → 401, a wrong one → 403. With no key configured, admin endpoints stay closed.
/// </summary>
public sealed class AdminApiKeyFilter(IConfiguration configuration) : IEndpointFilter
{
    public const string Header = "X-Api-Key";
    public const string ConfigurationKey = "Aisle:AdminApiKey";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = configuration[ConfigurationKey];
        var given = context.HttpContext.Request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(given))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = Header;
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "API key required",
                detail: $"Admin endpoints need the {Header} header.");
        }

        if (string.IsNullOrEmpty(expected) || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected)))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "API key rejected",
                detail: string.IsNullOrEmpty(expected) ? $"No admin key is configured ({ConfigurationKey})." : "The API key is not valid.");
        }

        return await next(context);
    }
}
