using Aisle.Frontend.Application;
using Aisle.Frontend.Storefront;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aisle.Frontend.Pages;

/// <summary>Home: recommended for the shopper (the page's main list), trending now, recently viewed.</summary>
public sealed class IndexModel(ProductLists lists, ShopperProfiles profiles) : PageModel
{
    public const string ListSize = "12";

    public ProductListSection Recommended { get; private set; } = null!;

    public ProductListSection Trending { get; private set; } = null!;

    public ProductListSection RecentlyViewed { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        var shopper = ShopperIdentity.Current(HttpContext);
        var recommendedTask = lists.RecommendAsync(shopper, ListSize);
        var trendingTask = lists.TrendingAsync(null, ListSize);
        var recentTask = profiles.RecentlyViewedAsync(shopper);
        var recommended = await recommendedTask;
        var trending = await trendingTask;
        var recent = await recentTask;

        Recommended = Section("recommended", "Recommended for you", recommended, "Nothing to recommend yet: browse a little.");
        Trending = Section("trending", "Trending now", trending, "Nothing is trending right now.");
        RecentlyViewed = new ProductListSection("recently-viewed", "Recently viewed", recent.Value ?? [], null,
            "Products you look at appear here.", LinkRequestId: false, Error: recent.Problem?.Detail);
        Display.ListHeaders(HttpContext, recommended.Value);
    }

    private static ProductListSection Section(string id, string heading, Outcome<ServedProducts> outcome, string empty) =>
        new(id, heading, outcome.Value?.Items ?? [], outcome.Value, empty, Error: outcome.Problem?.Detail);
}
