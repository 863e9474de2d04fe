using Aisle.Frontend.Application;

namespace Aisle.Frontend.Hosting;

/// <summary>The application layer both the JSON API and the storefront pages call.</summary>
public static class ApplicationHosting
{
    public static WebApplicationBuilder AddAisleApplication(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ProductLists>();
        builder.Services.AddSingleton<ShopperEvents>();
        builder.Services.AddSingleton<CatalogQueries>();
        builder.Services.AddSingleton<ShoppingCart>();
        builder.Services.AddSingleton<ShopperProfiles>();
        return builder;
    }
}
