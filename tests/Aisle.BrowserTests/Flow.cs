using Microsoft.Playwright;

namespace Aisle.BrowserTests;

/// <summary>The five pages every shopper passes through, in order.</summary>
public enum StorePage
{
    Home,
    Search,
    Product,
    Cart,
    Confirmation,
}

public static class Flow
{
    /// <summary>Home → search → product → add to cart → cart → place order → confirmation, as a new shopper, calling
    /// <paramref name="atEachPage"/> once each page is shown. Returns the bought product's name.</summary>
    public static async Task<string> WalkAsync(Storefront shop, string shopper, string query, Func<StorePage, Task> atEachPage)
    {
        await shop.HomeAsync();
        await shop.BrowseAsAsync(shopper);
        await shop.HomeAsync();
        await atEachPage(StorePage.Home);

        await shop.SearchAsync(query);
        await atEachPage(StorePage.Search);

        var name = await shop.OpenAnInStockProductAsync();
        await Assertions.Expect(shop.Heading("Similar items", 2)).ToBeVisibleAsync();
        await atEachPage(StorePage.Product);

        await shop.AddToCartButton.ClickAsync();
        await shop.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/cart");
        await Assertions.Expect(shop.Page.GetByLabel($"Quantity for {name}", new() { Exact = true })).ToBeVisibleAsync();
        await atEachPage(StorePage.Cart);

        await shop.PlaceOrderButton.ClickAsync();
        await Assertions.Expect(shop.Heading("Order confirmed", 1)).ToBeVisibleAsync();
        await atEachPage(StorePage.Confirmation);
        return name;
    }
}
