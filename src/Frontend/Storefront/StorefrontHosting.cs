using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;

namespace Aisle.Frontend.Storefront;

/// <summary>The server-rendered storefront (Razor Pages at <c>/</c>): pages, static files, security headers.</summary>
public static class StorefrontHosting
{
    public static WebApplicationBuilder AddAisleStorefront(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorPages()
            .AddMvcOptions(options => options.Filters.Add<StorefrontPageFilter>());
        builder.Services.Configure<RouteOptions>(options => options.LowercaseUrls = true);
        // Write ₹, – and product names as they are rather than as character references (still HTML-encoded).
        builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return builder;
    }

    /// <summary>Before the API's pipeline, so every response (pages, API, errors) carries the security headers.</summary>
    public static WebApplication UseAisleStorefrontHeaders(this WebApplication app)
    {
        app.UseSecurityHeaders();
        return app;
    }

    public static WebApplication MapAisleStorefront(this WebApplication app)
    {
        app.UseStaticFiles();
        app.MapRazorPages();
        return app;
    }
}
