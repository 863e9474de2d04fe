using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Aisle.BrowserTests;

/// <summary>
/// The storefront's page contract, in role and label locators: what a shopper (or a screen reader) finds on each page.
/// </summary>
public sealed partial class Storefront(IPage page)
{
    public IPage Page { get; } = page;

    /// <summary>The search field ("Search products"; a search-type field, so matched by its label rather than a role).</summary>
    public ILocator SearchBox => Page.GetByLabel("Search products", new() { Exact = true }).First;

    public ILocator SearchButton => Page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).First;

    public ILocator BrowseAsBox => Page.GetByRole(AriaRole.Textbox, new() { Name = "Browse as", Exact = true });

    public ILocator SwitchButton => Page.GetByRole(AriaRole.Button, new() { Name = "Switch", Exact = true });

    public ILocator AddToCartButton => Page.GetByRole(AriaRole.Button, new() { Name = "Add to cart", Exact = true });

    public ILocator PlaceOrderButton => Page.GetByRole(AriaRole.Button, new() { Name = "Place order", Exact = true });

    public ILocator Heading(string name, int level) =>
        Page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true, Level = level });

    /// <summary>The part of the page a list heading (h2) titles: the largest ancestor of the heading holding no other h2.</summary>
    public ILocator Section(string heading) =>
        Page.Locator($"xpath=//h2[normalize-space()='{heading}']/ancestor::*[count(.//h2)=1][last()]");

    /// <summary>The links of a search facet group (e.g. "Brand"): the links listed under its heading.</summary>
    public ILocator FacetLinks(string group) =>
        Page.Locator($"xpath=//main//h3[normalize-space()='{group}']/following-sibling::ul[1]//a");

    /// <summary>Product card links (to <c>/products/{id}</c>) inside a locator.</summary>
    public static ILocator ProductLinks(ILocator within) => within.Locator("a[href*='/products/']");

    public async Task HomeAsync()
    {
        await Page.GotoAsync("/");
        await Assertions.Expect(Heading("Recommended for you", 2)).ToBeVisibleAsync();
    }

    /// <summary>Browse as a shopper of our own, through the layout's "Browse as" form (it sets the shopper cookie).</summary>
    public async Task BrowseAsAsync(string shopper)
    {
        await BrowseAsBox.FillAsync(shopper);
        await SwitchButton.ClickAsync();
        // The page the switch lands on names the shopper: wait for that state, not a load event (a wait for
        // DOMContentLoaded right after the click once timed out in CI although the page had loaded).
        await Assertions.Expect(Page.Locator("[data-shopper-id]").First).ToHaveAttributeAsync("data-shopper-id", shopper, new() { Timeout = 30_000 });
    }

    public async Task SearchAsync(string query)
    {
        await SearchBox.FillAsync(query);
        await SearchButton.ClickAsync();
        await Page.WaitForURLAsync(new Regex(@"/search\?"));
        await Assertions.Expect(ProductLinks(Page.Locator("main")).First).ToBeVisibleAsync();
    }

    /// <summary>Product ids of the product links in a locator, in page order, without repeats.</summary>
    public static async Task<IReadOnlyList<string>> ProductIdsAsync(ILocator within)
    {
        var hrefs = await ProductLinks(within).EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        return hrefs.Select(ProductId).Where(id => id is not null).Select(id => id!).Distinct().ToList();
    }

    public static string? ProductId(string href)
    {
        var match = ProductIdPattern().Match(href);
        return match.Success ? Uri.UnescapeDataString(match.Groups[1].Value) : null;
    }

    /// <summary>Opens product cards of the current page in turn until one can be added to the cart; returns its name.</summary>
    public async Task<string> OpenAnInStockProductAsync()
    {
        var ids = await ProductIdsAsync(Page.Locator("main"));
        Assert.NotEmpty(ids);
        foreach (var id in ids.Take(10))
        {
            await Page.GotoAsync($"/products/{Uri.EscapeDataString(id)}");
            if (await AddToCartButton.CountAsync() > 0)
            {
                return (await Heading1.InnerTextAsync()).Trim();
            }
        }

        throw new Xunit.Sdk.XunitException("None of the first ten products on the page could be added to the cart.");
    }

    public ILocator Heading1 => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>Product page → Add to cart → cart → Place order → confirmation; returns the order page's URL.</summary>
    public async Task<string> BuyThisProductAsync(string name)
    {
        await AddToCartButton.ClickAsync();
        await Page.WaitForURLAsync(new Regex(@"/cart(\?|$)"));
        await Assertions.Expect(Heading("Your cart", 1)).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByLabel($"Quantity for {name}", new() { Exact = true })).ToBeVisibleAsync();
        await PlaceOrderButton.ClickAsync();
        await Page.WaitForURLAsync(new Regex(@"/orders/[^/?#]+"));
        await Assertions.Expect(Heading("Order confirmed", 1)).ToBeVisibleAsync();
        return Page.Url;
    }

    [GeneratedRegex(@"/products/([^/?#]+)")]
    private static partial Regex ProductIdPattern();
}
