using Aisle.Observability;

namespace Aisle.Frontend.Security;

/// <summary>
/// Admin endpoints need one of the configured admin keys (<see cref="AdminKeys"/>) in the <c>X-Api-Key</c> header:
/// none → 401, a wrong one → 403. With no key configured, admin endpoints stay closed. Checked as middleware in front
/// of <c>/api/admin</c>, so a caller without the key learns nothing else, not even whether its body would have been
/// valid. Every admin call is logged and counted with the key's name, never the key, and its path without the query.
/// </summary>
public static class AdminApiKey
{
    public const string Header = "X-Api-Key";
    public const string ConfigurationKey = "Aisle:AdminApiKey";
    public const string PathPrefix = "/api/admin";

    public static IApplicationBuilder UseAdminApiKey(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments(PathPrefix), admin => admin.Use(async (context, next) =>
        {
            var keys = context.RequestServices.GetRequiredService<AdminKeys>();
            var name = KeyName(context);
            AisleMetrics.AdminRequests.WithLabels(name ?? "none").Inc();
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AdminApiKey))
                .LogInformation("Admin {Method} {Path} by key {KeyName}", context.Request.Method, context.Request.Path.Value, name ?? "(none)");
            if (Deny(context, keys, name) is { } denied)
            {
                await denied.ExecuteAsync(context);
                return;
            }

            await next(context);
        }));

    /// <summary>The name of the admin key the request carries, or null without a valid one. Matched once per request
    /// (the rate limiter asks first, then this middleware) and kept on the request.</summary>
    public static string? KeyName(HttpContext context)
    {
        if (context.Items.TryGetValue(KeyNameItem, out var known))
        {
            return (string?)known;
        }

        var name = context.RequestServices.GetRequiredService<AdminKeys>().Match(context.Request.Headers[Header].ToString());
        context.Items[KeyNameItem] = name;
        return name;
    }

    private static readonly object KeyNameItem = new();

    private static IResult? Deny(HttpContext context, AdminKeys keys, string? name)
    {
        if (string.IsNullOrEmpty(context.Request.Headers[Header].ToString()))
        {
            context.Response.Headers.WWWAuthenticate = Header;
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "API key required",
                detail: $"Admin endpoints need the {Header} header.");
        }

        return name is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "API key rejected",
                detail: keys.AnyConfigured ? "The API key is not valid." : $"No admin key is configured ({ConfigurationKey} or {AdminKeys.SectionKey}).")
            : null;
    }
}
