using System.Net;
using System.Net.Http.Json;

namespace Aisle.Tests.Api;

/// <summary>A storefront that retries a batch after a timeout loses nothing and counts nothing twice.</summary>
[Collection(ApiCollection.Name)]
public sealed class EventRetryApiTests(AisleAppFixture app)
{
    private sealed record EventsDto(int Accepted, int Duplicates);

    private sealed record ProductDto(ItemDto Product);

    [Fact]
    public async Task ARetriedBatchWithEventIdsIsAnsweredAsDuplicatesAndBuysOnce()
    {
        var user = "retrying-" + Guid.NewGuid().ToString("N");
        var item = (await app.Client.GetListAsync("/api/search?q=analog%20watch&inStock=true&limit=20")).Items.First(i => i.Stock >= 2);
        var batch = new
        {
            events = new object[]
            {
                new { userId = user, kind = "view", productId = item.Id, eventId = $"{user}-1" },
                new { userId = user, kind = "purchase", productId = item.Id, quantity = 1, eventId = $"{user}-2" },
            },
        };

        using var first = await app.Client.PostEventsAsync(batch);
        using var retry = await app.Client.PostEventsAsync(batch);
        var product = await app.Client.GetFromJsonAsync<ProductDto>($"/api/products/{item.Id}", ApiJson.Options);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(new EventsDto(2, 0), await first.Content.ReadFromJsonAsync<EventsDto>(ApiJson.Options));
        Assert.Equal(new EventsDto(2, 2), await retry.Content.ReadFromJsonAsync<EventsDto>(ApiJson.Options));
        Assert.Equal(item.Stock - 1, product!.Product.Stock);
    }

    [Fact]
    public async Task AnOversizedEventIdIsRefused()
    {
        using var response = await app.Client.PostEventsAsync(new
        {
            userId = "retrying-long-id", kind = "search", query = "shoes", eventId = new string('e', 1_000),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("eventId", await response.Content.ReadAsStringAsync());
    }
}
