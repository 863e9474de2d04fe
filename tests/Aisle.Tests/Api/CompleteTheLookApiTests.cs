using System.Net;
using System.Net.Http.Json;

namespace Aisle.Tests.Api;

/// <summary>"Complete the look" with no model configured: what shoppers touched together, from other categories.</summary>
[Collection(ApiCollection.Name)]
public sealed class CompleteTheLookApiTests(AisleAppFixture app)
{
    [Fact]
    public async Task WithoutAModelProductsTouchedTogetherInOtherCategoriesGoWithIt()
    {
        var watch = (await app.Client.GetListAsync("/api/search?q=analog+watch&limit=1")).Items[0];
        var shoe = (await app.Client.GetListAsync("/api/search?q=running+shoes&limit=1")).Items[0];
        var user = "shopper-" + Guid.NewGuid().ToString("N")[..8];
        using var posted = await app.Client.PostEventsAsync(new
        {
            events = new[] { watch, shoe, watch, shoe }.Select(p => new { userId = user, kind = "view", productId = p.Id }),
        });
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);

        ListDto list = null!;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((list = await app.Client.GetListAsync($"/api/products/{watch.Id}/complete-the-look?limit=10")).Items.All(i => i.Id != shoe.Id)
               && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var goesWith = Assert.Single(list.Items, i => i.Id == shoe.Id);
        Assert.Contains($"Often viewed together with {watch.Name}", goesWith.Reasons);
        Assert.DoesNotContain(list.Items, i => i.Category == watch.Category);
    }

    [Fact]
    public async Task AnUnknownProductIsNotFound()
    {
        using var response = await app.Client.GetAsync("/api/products/no-such-product/complete-the-look");

        await response.AssertProblemAsync(404);
    }

    [Fact]
    public async Task AnEmptyCartHasAnEmptyList()
    {
        var list = await app.Client.GetListAsync($"/api/users/shopper-{Guid.NewGuid():N}/cart/complete-the-look");

        Assert.Empty(list.Items);
    }

    [Fact]
    public async Task ACartsListLeavesOutWhatIsInTheCart()
    {
        var user = "shopper-" + Guid.NewGuid().ToString("N")[..8];
        var watch = (await app.Client.GetListAsync("/api/search?q=analog+watch&limit=1")).Items[0];
        using var added = await app.Client.PostAsJsonAsync($"/api/users/{user}/cart/items", new { productId = watch.Id, quantity = 1 }, ApiJson.Options);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);

        var list = await app.Client.GetListAsync($"/api/users/{user}/cart/complete-the-look?limit=10");

        Assert.DoesNotContain(list.Items, i => i.Id == watch.Id);
    }
}
