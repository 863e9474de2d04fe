namespace Aisle.Frontend.Storefront;

/// <summary>
/// Security headers on every response: a strict Content-Security-Policy (no inline script or style: the pages use one
/// stylesheet and one small script from this origin), nosniff and a referrer policy. The API reference (<c>/scalar</c>,
/// <c>/openapi</c>) runs its own scripts and is exempt from the CSP only.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data: https: http:; style-src 'self'; script-src 'self'; form-action 'self'; " +
        "frame-ancestors 'none'; base-uri 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        // On starting, so the headers survive the exception handler clearing a failed response.
        http.Response.OnStarting(static state =>
        {
            var context = (HttpContext)state;
            var headers = context.Response.Headers;
            var path = context.Request.Path;
            if (!path.StartsWithSegments("/scalar") && !path.StartsWithSegments("/openapi"))
            {
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
            }

            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            return Task.CompletedTask;
        }, http);
        await next(http);
    });
}
