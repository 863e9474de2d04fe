using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aisle.Tests.Api;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Aisle.BrowserTests;

/// <summary>
/// The storefront in a real Chromium against the real Aisle: a shopper's journey, sold-out handling, keyboard-only
/// checkout, console errors, accessibility (axe), layout at phone and desktop widths, and security headers.
/// Each test browses as a shopper of its own (a fresh browser context and the "Browse as" form).
/// </summary>
public sealed class StorefrontTests(StorefrontFixture app, ITestOutputHelper output) : IClassFixture<StorefrontFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task AShopperSearchesFiltersBuysAndRecommendationsFollow()
    {
        var page = await app.NewPageAsync();
        var shop = new Storefront(page);
        await shop.HomeAsync();
        await shop.BrowseAsAsync(Shopper("buyer"));
        await shop.HomeAsync();
        await Expect(shop.Page.GetByRole(AriaRole.Link, new() { Name = "Aisle", Exact = true })).ToBeVisibleAsync();
        await Expect(shop.Heading("Trending now", 2)).ToBeVisibleAsync();
        await Expect(shop.Heading("Recently viewed", 2)).ToBeVisibleAsync();
        var coldStart = await Storefront.ProductIdsAsync(shop.Section("Recommended for you"));
        Assert.NotEmpty(coldStart);

        await shop.SearchAsync("running shoes for men under 1000");
        var brandFacet = shop.FacetLinks("Brand").First;
        var brandHref = await brandFacet.GetAttributeAsync("href") ?? "";
        var brand = Uri.UnescapeDataString(Regex.Match(brandHref, "[?&]brand=([^&#]*)").Groups[1].Value.Replace('+', ' '));
        Assert.False(string.IsNullOrWhiteSpace(brand), $"brand facet link without a brand: {brandHref}");
        await brandFacet.ClickAsync();
        await page.WaitForURLAsync(new Regex("[?&]brand="));
        Assert.NotEmpty(await Storefront.ProductIdsAsync(page.Locator("main")));

        var name = await shop.OpenAnInStockProductAsync();
        var boughtId = Storefront.ProductId(page.Url)!;
        var bought = await ProductAsync(boughtId);
        Assert.Equal(brand, bought.Brand, ignoreCase: true); // the brand facet filtered the results
        Assert.Equal(bought.Name, name);
        await Expect(shop.Heading("Seen together", 2)).ToBeVisibleAsync();
        await shop.BuyThisProductAsync(name);

        await page.GetByRole(AriaRole.Link, new() { Name = "Aisle", Exact = true }).ClickAsync();
        await Expect(shop.Heading("Recommended for you", 2)).ToBeVisibleAsync();
        Assert.Contains(boughtId, await Storefront.ProductIdsAsync(shop.Section("Recently viewed")));

        // Recommendations follow the purchase: the list is no longer the cold-start one, and it is about what was
        // bought — a card's reasons name the bought product, its brand or its category, and an item shares its
        // brand or category. Profile updates are asynchronous (grain messages), so the page is asked again until then.
        var leaf = bought.Category.Split(" > ").Last();
        var mentions = new[] { bought.Name, bought.Brand, leaf }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!).ToArray();
        var report = new StringBuilder();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var cards = await CardsAsync(shop.Section("Recommended for you"));
            Assert.NotEmpty(cards);
            Assert.All(cards, card => Assert.Contains("rid=", card.Href));
            var others = cards.Where(card => card.Id != boughtId).ToList();
            var reasonNamesIt = others.Any(card => mentions.Any(m => card.Text.Contains(m, StringComparison.OrdinalIgnoreCase)));
            var related = new List<string>();
            foreach (var card in others)
            {
                var item = await ProductAsync(card.Id);
                if (item.Category == bought.Category || (bought.Brand is not null && item.Brand == bought.Brand))
                {
                    related.Add(item.Name);
                }
            }

            var differs = !cards.Select(c => c.Id).ToHashSet().SetEquals(coldStart);
            if (differs && reasonNamesIt && related.Count > 0)
            {
                output.WriteLine($"Bought {bought.Name} ({bought.Brand}, {bought.Category}); related recommendations: {string.Join("; ", related)}");
                break;
            }

            report.Clear().AppendLine($"Bought {bought.Name} ({bought.Brand}, {bought.Category}). differs from cold start: {differs}, " +
                $"a reason mentions [{string.Join(", ", mentions)}]: {reasonNamesIt}, items of its category or brand: {related.Count}");
            foreach (var card in cards)
            {
                report.AppendLine($"  {card.Id}: {card.Text.ReplaceLineEndings(" | ")}");
            }

            Assert.True(DateTime.UtcNow < deadline, "Recommended for you does not follow the purchase:\n" + report);
            await Task.Delay(500);
            await page.ReloadAsync();
        }
    }

    [Fact]
    public async Task ASoldOutProductCannotBeAdded()
    {
        var page = await app.NewPageAsync();
        var shop = new Storefront(page);
        await shop.HomeAsync();
        await shop.BrowseAsAsync(Shopper("soldout"));
        await shop.SearchAsync("wall clock");
        var name = await shop.OpenAnInStockProductAsync();
        var id = Storefront.ProductId(page.Url)!;
        var productUrl = page.Url;
        // The add-to-cart form as it was while the product was in stock (its antiforgery token is valid): replayed below.
        var addForm = await shop.AddToCartButton.EvaluateAsync<string>("button => button.form.outerHTML");

        using (var request = new HttpRequestMessage(HttpMethod.Put, $"/api/admin/products/{Uri.EscapeDataString(id)}/stock"))
        {
            request.Headers.Add("X-Api-Key", AisleApp.AdminKey);
            request.Content = JsonContent.Create(new { stock = 0 });
            using var response = await app.App.Client.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"setting stock: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        // The page shows it sold out (the catalog replica takes the change within a moment).
        var deadline = DateTime.UtcNow.AddSeconds(10);
        await page.GotoAsync(productUrl);
        while (await shop.AddToCartButton.CountAsync() > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            await page.ReloadAsync();
        }

        await Expect(shop.AddToCartButton).ToHaveCountAsync(0);
        await Expect(page.GetByText("Sold out", new() { Exact = false }).First).ToBeVisibleAsync();
        await Expect(page.Locator("[role=alert], [role=status]")).ToHaveCountAsync(0);

        // A forged add: the in-stock form, token and all, posted from the sold-out page.
        var post = await page.RunAndWaitForResponseAsync(
            () => page.EvaluateAsync(
                """
                html => {
                  const holder = document.createElement('div');
                  holder.innerHTML = html;
                  const form = holder.firstElementChild;
                  document.body.appendChild(form);
                  (form.querySelector('button[type=submit], button:not([type]), input[type=submit]') ?? form).click();
                  if (!form.querySelector('button, input[type=submit]')) form.submit();
                }
                """,
                addForm),
            response => response.Request.Method == "POST");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        output.WriteLine($"forged add: {post.Status} {post.Url} → {page.Url}");
        // Refused, and said so where a screen reader announces it (an alert or status message, which the sold-out
        // page itself did not carry before the POST).
        Assert.True(post.Status >= 400 || new Uri(page.Url).AbsolutePath != "/cart", $"the forged add was accepted: {post.Status} → {page.Url}");
        var message = page.Locator("[role=alert], [role=status]").Filter(new() { HasTextRegex = new Regex("sold out|out of stock|not available|unavailable|no longer", RegexOptions.IgnoreCase) });
        await Expect(message.First).ToBeVisibleAsync();

        await page.GotoAsync("/cart");
        await Expect(shop.Heading("Your cart", 1)).ToBeVisibleAsync();
        await Expect(page.GetByLabel($"Quantity for {name}", new() { Exact = true })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task CheckoutWorksWithTheKeyboardAlone()
    {
        var page = await app.NewPageAsync();
        var shop = new Storefront(page);
        await shop.HomeAsync();
        // Setup without the mouse too: typing into fields and Enter.
        await shop.BrowseAsBox.FillAsync(Shopper("keyboard"));
        await shop.BrowseAsBox.PressAsync("Enter");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        await shop.SearchBox.FillAsync("backpack");
        await shop.SearchBox.PressAsync("Enter");
        await page.WaitForURLAsync(new Regex(@"/search\?"));
        var name = await shop.OpenAnInStockProductAsync();

        // From the product page: the first Tab stop is the skip link, then on to "Add to cart".
        await page.Keyboard.PressAsync("Tab");
        await ExpectFocusedAsync(page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" }));
        await TabToAsync(page, shop.AddToCartButton);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/cart");
        await Expect(page.GetByLabel($"Quantity for {name}", new() { Exact = true })).ToBeVisibleAsync();

        await TabToAsync(page, shop.PlaceOrderButton);
        await page.Keyboard.PressAsync("Space");
        await Expect(shop.Heading("Order confirmed", 1)).ToBeVisibleAsync();
        Assert.Matches(@"/orders/[^/?#]+", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task PagesHaveNoConsoleErrors()
    {
        var page = await app.NewPageAsync();
        var errors = new List<string>();
        var allowed = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type != "error")
            {
                return;
            }

            // Product images point at the catalog's external image hosts, which this machine (and CI) cannot reach.
            // Chromium reports each failed load as a console error ("Failed to load resource: net::ERR_…") whatever
            // the page does about it (its placeholder shows instead), so those — and only those, for resources not
            // served by Aisle — are allowed. Anything from Aisle's own origin, scripts, CSP or the like still fails.
            var external = !string.IsNullOrEmpty(message.Location) && !message.Location.StartsWith(app.BaseUrl, StringComparison.Ordinal);
            if (external && message.Text.Contains("net::ERR_", StringComparison.Ordinal))
            {
                allowed.Add(message.Location);
                return;
            }

            errors.Add($"{page.Url}: {message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => errors.Add($"{page.Url}: page error: {error}");

        var shop = new Storefront(page);
        await Flow.WalkAsync(shop, Shopper("console"), "ceiling fan", _ => Task.CompletedTask);
        await page.GotoAsync("/orders");
        await Expect(shop.Heading("Your orders", 1)).ToBeVisibleAsync();

        output.WriteLine($"{allowed.Count} failed loads of external images allowed: {string.Join(", ", allowed.Distinct().Take(5))}");
        Assert.True(errors.Count == 0, "console errors:\n" + string.Join("\n", errors));
    }

    [Fact]
    public async Task PagesHaveNoSeriousAccessibilityViolations()
    {
        var page = await app.NewPageAsync();
        var failures = new StringBuilder();
        await Flow.WalkAsync(new Storefront(page), Shopper("axe"), "running shoes", async at =>
        {
            var result = await page.RunAxe();
            foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
            {
                failures.AppendLine($"{at} ({page.Url}): [{violation.Impact}] {violation.Id}: {violation.Help} {violation.HelpUrl}");
                foreach (var node in violation.Nodes.Take(5))
                {
                    failures.AppendLine($"    {node.Html}");
                    var checks = (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []).Select(check => check.Message);
                    failures.AppendLine($"      {string.Join(" / ", checks)}");
                }
            }

            output.WriteLine($"{at}: {result.Violations.Length} violations, {result.Passes.Length} rules passed");
        });

        Assert.True(failures.Length == 0, "serious or critical accessibility violations:\n" + failures);
    }

    [Fact]
    public async Task ScreenshotsAtPhoneAndDesktopWidths()
    {
        var overflows = new List<string>();
        foreach (var width in new[] { 375, 1280 })
        {
            var page = await app.NewPageAsync(width, width == 375 ? 812 : 900);
            await Flow.WalkAsync(new Storefront(page), Shopper($"w{width}"), "wrist watch", async at =>
            {
                var file = Path.Combine(StorefrontFixture.ScreenshotDirectory, $"{at.ToString().ToLowerInvariant()}-{width}.png");
                // A full-page capture of a long page can take over the 30 s default while the rest of the suite loads two cores.
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true, Timeout = 90_000 });
                Assert.True(new FileInfo(file).Length > 0, file);
                if (width == 375)
                {
                    var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
                    if (scrollWidth > 375)
                    {
                        overflows.Add($"{at}: scrollWidth {scrollWidth} at 375 ({page.Url})");
                    }
                }
            });
            await page.Context.CloseAsync();
        }

        output.WriteLine($"screenshots in {StorefrontFixture.ScreenshotDirectory}");
        Assert.True(overflows.Count == 0, "horizontal overflow on a phone:\n" + string.Join("\n", overflows));
    }

    [Fact]
    public async Task SecurityHeadersAndAntiforgery()
    {
        var page = await app.NewPageAsync();
        var documents = new List<IResponse>();
        page.Response += (_, response) =>
        {
            if (response.Request.ResourceType == "document" && response.Status is >= 200 and < 300)
            {
                documents.Add(response);
            }
        };

        var problems = new List<string>();
        var postForms = new Dictionary<StorePage, int>();
        await Flow.WalkAsync(new Storefront(page), Shopper("headers"), "laptop bag", async at =>
        {
            var forms = await page.Locator("form").EvaluateAllAsync<FormInfo[]>(
                """
                forms => forms.map(f => ({
                  method: (f.getAttribute('method') || 'get').toLowerCase(),
                  action: f.action,
                  hasToken: !!f.querySelector('input[name=__RequestVerificationToken]') && f.querySelector('input[name=__RequestVerificationToken]').value.length > 0
                }))
                """);
            var posts = forms.Where(f => f.Method == "post").ToList();
            postForms[at] = posts.Count;
            problems.AddRange(posts.Where(f => !f.HasToken).Select(f => $"{at}: form posting to {f.Action} has no __RequestVerificationToken"));

            if (at == StorePage.Cart)
            {
                // The same POST without the token is refused, and places no order.
                var placeOrder = await new Storefront(page).PlaceOrderButton.EvaluateAsync<string>("b => b.form.action");
                var forged = await page.APIRequest.PostAsync(placeOrder, new APIRequestContextOptions
                {
                    Form = page.Context.APIRequest.CreateFormData(),
                    MaxRedirects = 0,
                });
                if (forged.Status != 400)
                {
                    problems.Add($"a POST to {placeOrder} without an antiforgery token answered {forged.Status}, not 400");
                }
            }
        });

        Assert.True(postForms[StorePage.Home] >= 1, "the home page has no POST form (Browse as)");
        Assert.True(postForms[StorePage.Product] >= 1, "the product page has no POST form (Add to cart)");
        Assert.True(postForms[StorePage.Cart] >= 3, "the cart has fewer than three POST forms (Update, Remove, Place order)");
        Assert.NotEmpty(documents);
        foreach (var response in documents)
        {
            var headers = await response.AllHeadersAsync();
            var path = new Uri(response.Url).PathAndQuery;
            if (!headers.TryGetValue("content-security-policy", out var csp) || string.IsNullOrWhiteSpace(csp))
            {
                problems.Add($"{path}: no Content-Security-Policy");
            }

            if (!headers.TryGetValue("x-content-type-options", out var nosniff) || !string.Equals(nosniff.Trim(), "nosniff", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{path}: X-Content-Type-Options is not nosniff");
            }

            if (!headers.TryGetValue("referrer-policy", out var referrer) || string.IsNullOrWhiteSpace(referrer))
            {
                problems.Add($"{path}: no Referrer-Policy");
            }
        }

        output.WriteLine($"checked {documents.Count} page responses");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private sealed class FormInfo
    {
        public string Method { get; set; } = "";

        public string Action { get; set; } = "";

        public bool HasToken { get; set; }
    }

    private sealed record Card(string Id, string Href, string Text);

    private sealed record ProductDetailsJson(ProductJson Product);

    private sealed record ProductJson(string Id, string Name, string? Brand, string Category);

    private static string Shopper(string role) => $"bt-{role}-{Guid.NewGuid():N}"[..24];

    private async Task<ProductJson> ProductAsync(string id)
    {
        var details = await app.App.Client.GetFromJsonAsync<ProductDetailsJson>($"/api/products/{Uri.EscapeDataString(id)}", Json);
        return details!.Product;
    }

    /// <summary>Each product card of a section: its link and its text (name, price, reasons…). A card is the largest
    /// ancestor of a product link that links to no other product.</summary>
    private static async Task<IReadOnlyList<Card>> CardsAsync(ILocator section)
    {
        var raw = await section.EvaluateAsync<string[][]>(
            """
            section => {
              const path = a => new URL(a.href).pathname;
              const cards = new Map();
              for (const link of section.querySelectorAll("a[href*='/products/']")) {
                let card = link;
                while (card.parentElement && card.parentElement !== section &&
                       new Set([...card.parentElement.querySelectorAll("a[href*='/products/']")].map(path)).size === 1) {
                  card = card.parentElement;
                }
                if (!cards.has(path(link))) cards.set(path(link), [link.getAttribute('href'), card.innerText]);
              }
              return [...cards.values()];
            }
            """);
        return raw.Select(pair => new Card(Storefront.ProductId(pair[0])!, pair[0], pair[1])).ToList();
    }

    private static async Task ExpectFocusedAsync(ILocator target) => await Expect(target).ToBeFocusedAsync();

    /// <summary>Presses Tab until <paramref name="target"/> has the focus (at most 150 presses).</summary>
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        for (var i = 0; i < 150; i++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        throw new Xunit.Sdk.XunitException($"Tab never reached {target}.");
    }
}
