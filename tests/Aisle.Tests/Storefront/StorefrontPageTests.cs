using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aisle.Tests.Api;

namespace Aisle.Tests.Storefront;

/// <summary>The server-rendered storefront and the cart API, on the real app the API tests share.</summary>
[Collection(ApiCollection.Name)]
public sealed class StorefrontPageTests(AisleAppFixture app)
{
    [Fact]
    public async Task HomeHasItsThreeListsAndTheSecurityHeaders()
    {
        // A client without a cookie jar, so the new shopper's Set-Cookie stays visible.
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = app.Client.BaseAddress };
        using var response = await client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(">Recommended for you</h2>", html);
        Assert.Contains(">Trending now</h2>", html);
        Assert.Contains(">Recently viewed</h2>", html);
        Assert.Contains("Skip to content", html);
        Assert.Contains("data-request-id=\"", html);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.True(response.Headers.Contains("Aisle-Request-Id"));
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("aisle_shopper=s-", StringComparison.Ordinal) && c.Contains("httponly"));
    }

    [Fact]
    public async Task AProductPageHasSimilarCompleteTheLookAndSeenTogether()
    {
        var product = (await app.Client.GetListAsync("/api/search?q=analog+watch&limit=1")).Items[0];

        using var response = await app.Client.GetAsync($"/products/{product.Id}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(">Similar items</h2>", html);
        Assert.Contains(">Complete the look</h2>", html);
        Assert.Contains(">Seen together</h2>", html);
    }

    [Fact]
    public async Task SearchShowsFacetsUnderstandingAndPages()
    {
        using var response = await app.Client.GetAsync("/search?q=running%20shoes%20for%20men%20under%201000");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h3>Brand</h3>", html);
        Assert.Contains("<h3>Price</h3>", html);
        Assert.Contains("Remove under ₹1,000", html);
        Assert.Contains("aria-current=\"page\"", html);
        Assert.Contains(">Next</a>", html);
    }

    [Fact]
    public async Task SearchWithInvalidParametersListsThemWith400AndAnEmptyQueryIsAPrompt()
    {
        using var bad = await app.Client.GetAsync("/search?q=shoes&minPrice=-3&page=0");
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("role=\"alert\"", html);
        Assert.Contains("minPrice must be a non-negative number.", html);

        using var empty = await app.Client.GetAsync("/search");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
    }

    [Fact]
    public async Task UnknownProductIsA404Page()
    {
        using var response = await app.Client.GetAsync("/products/no-such-product");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Product not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AFormPostWithoutAntiforgeryTokenIsRefused()
    {
        var id = await InStockProductAsync();
        using var response = await app.Client.PostAsync($"/products/{id}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["quantity"] = "1" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task CheckoutThroughTheCartApiBuysOnceForARepeatedOrderId()
    {
        var user = "storefront-" + Guid.NewGuid().ToString("N")[..8];
        var id = await InStockProductAsync();

        using (var added = await app.Client.PostAsJsonAsync($"/api/users/{user}/cart/items", new { productId = id, quantity = 2, requestId = "r1" }))
        {
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
            using var cart = JsonDocument.Parse(await added.Content.ReadAsStringAsync());
            Assert.Equal(2, cart.RootElement.GetProperty("count").GetInt32());
        }

        var orderId = Guid.NewGuid().ToString("N");
        using var first = await app.Client.PostAsJsonAsync($"/api/users/{user}/orders", new { orderId });
        using var second = await app.Client.PostAsJsonAsync($"/api/users/{user}/orders", new { orderId });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        using (var repeated = JsonDocument.Parse(await second.Content.ReadAsStringAsync()))
        {
            Assert.True(repeated.RootElement.GetProperty("repeated").GetBoolean());
        }

        using var orders = JsonDocument.Parse(await app.Client.GetStringAsync($"/api/users/{user}/orders"));
        var order = Assert.Single(orders.RootElement.EnumerateArray());
        Assert.Equal(orderId, order.GetProperty("orderId").GetString());
        Assert.Equal(2, order.GetProperty("lines")[0].GetProperty("quantity").GetInt32());

        using var again = await app.Client.PostAsJsonAsync($"/api/users/{user}/orders", new { orderId = Guid.NewGuid().ToString("N") });
        await again.AssertProblemAsync(409);
    }

    [Fact]
    public async Task CartApiErrorsAreProblems()
    {
        var id = await InStockProductAsync();
        using var zero = await app.Client.PostAsJsonAsync("/api/users/storefront-bad/cart/items", new { productId = id, quantity = 0 });
        await zero.AssertProblemAsync(400);
        using var unknown = await app.Client.PostAsJsonAsync("/api/users/storefront-bad/cart/items", new { productId = "no-such-product", quantity = 1 });
        await unknown.AssertProblemAsync(404);
        using var badUser = await app.Client.GetAsync("/api/users/bad%20user/cart");
        await badUser.AssertProblemAsync(400);
    }

    private async Task<string> InStockProductAsync()
    {
        var list = await app.Client.GetListAsync("/api/search?q=running%20shoes&inStock=true&limit=20");
        return list.Items.First(i => i.Stock >= 10).Id;
    }
}
