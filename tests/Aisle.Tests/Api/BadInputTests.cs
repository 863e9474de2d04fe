using System.Net.Http.Json;
using System.Text;

namespace Aisle.Tests.Api;

/// <summary>Every kind of bad input answers 4xx with application/problem+json and never 500.</summary>
[Collection(ApiCollection.Name)]
public sealed class BadInputTests(AisleAppFixture app)
{
    public static TheoryData<string, int> BadGets => new()
    {
        { "/api/search?q=shoes&limit=0", 400 },
        { "/api/search?q=shoes&limit=-1", 400 },
        { "/api/search?q=shoes&limit=100000", 400 },
        { "/api/search?q=shoes&limit=ten", 400 },
        { "/api/search?q=shoes&minPrice=NaN", 400 },
        { "/api/search?q=shoes&maxPrice=-5", 400 },
        { "/api/search?q=shoes&maxPrice=Infinity", 400 },
        { "/api/search?q=shoes&minPrice=900&maxPrice=100", 400 },
        { "/api/search?q=shoes&inStock=perhaps", 400 },
        { "/api/search?q=shoes&userId=" + new string('u', 300), 400 },
        { "/api/search", 400 },
        { "/api/search?q=" + new string('x', 1024 * 1024), 400 },
        { "/api/products/no-such-product", 404 },
        { "/api/products/no-such-product/similar", 404 },
        { "/api/products/bad%20id!", 400 },
        { "/api/users/u1/recommendations?limit=0", 400 },
        { "/api/users/u1/recommendations?limit=100000", 400 },
        { "/api/trending?limit=-3", 400 },
        { "/api/no-such-route", 404 },
    };

    public static TheoryData<string, string, int> BadEvents => new()
    {
        { "malformed JSON", "{\"userId\": \"u1\", \"kind\": ", 400 },
        { "not an event", "42", 400 },
        { "wrong type", "{\"userId\":\"u1\",\"kind\":\"view\",\"productId\":\"x\",\"quantity\":\"many\"}", 400 },
        { "unknown kind", "{\"userId\":\"u1\",\"kind\":\"teleport\",\"productId\":\"c2d766ca982eca8304150849735ffef9\"}", 400 },
        { "missing user", "{\"kind\":\"view\",\"productId\":\"c2d766ca982eca8304150849735ffef9\"}", 400 },
        { "missing product", "{\"userId\":\"u1\",\"kind\":\"view\"}", 400 },
        { "search without query", "{\"userId\":\"u1\",\"kind\":\"search\"}", 400 },
        { "zero quantity", "{\"userId\":\"u1\",\"kind\":\"purchase\",\"productId\":\"c2d766ca982eca8304150849735ffef9\",\"quantity\":0}", 400 },
        { "future timestamp", "{\"userId\":\"u1\",\"kind\":\"view\",\"productId\":\"c2d766ca982eca8304150849735ffef9\",\"timestamp\":\"2999-01-01T00:00:00Z\"}", 400 },
        { "empty batch", "{\"events\":[]}", 400 },
        { "unknown product", "{\"userId\":\"u1\",\"kind\":\"view\",\"productId\":\"no-such-product\"}", 422 },
    };

    [Theory]
    [MemberData(nameof(BadGets))]
    public async Task BadQueriesAnswerProblemJson(string url, int status)
    {
        using var response = await app.Client.GetAsync(url);

        await response.AssertProblemAsync(status);
    }

    [Theory]
    [MemberData(nameof(BadEvents))]
    public async Task BadEventsAnswerProblemJson(string why, string body, int status)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await app.Client.PostAsync("/api/events", content);

        Assert.False(string.IsNullOrEmpty(why));
        await response.AssertProblemAsync(status);
    }

    [Fact]
    public async Task ABatchOverTheLimitIsRefusedWhole()
    {
        var events = Enumerable.Range(0, 1001).Select(_ => new { userId = "u1", kind = "view", productId = "c2d766ca982eca8304150849735ffef9" });

        using var response = await app.Client.PostAsJsonAsync("/api/events", new { events });

        await response.AssertProblemAsync(400);
    }

    [Fact]
    public async Task ABatchWithOneUnknownProductRecordsNothing()
    {
        var user = "typo-" + Guid.NewGuid().ToString("N")[..8];
        using var response = await app.Client.PostEventsAsync(new
        {
            events = new[]
            {
                new { userId = user, kind = "view", productId = "c2d766ca982eca8304150849735ffef9" },
                new { userId = user, kind = "view", productId = "no-such-product" },
            },
        });
        var recommendations = await app.Client.GetListAsync($"/api/users/{user}/recommendations?limit=5");

        await response.AssertProblemAsync(422);
        Assert.All(recommendations.Items, item => Assert.Contains("trending", item.Sources));
    }

    [Fact]
    public async Task EventsInAnotherMediaTypeAreRefused()
    {
        using var content = new StringContent("userId=u1", Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await app.Client.PostAsync("/api/events", content);

        await response.AssertProblemAsync(415);
    }
}
