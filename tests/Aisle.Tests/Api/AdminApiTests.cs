using System.Net;
using System.Net.Http.Json;

namespace Aisle.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class AdminApiTests(AisleAppFixture app)
{
    private const string Product = "c2d766ca982eca8304150849735ffef9";

    [Fact]
    public async Task AdminEndpointsRefuseAMissingKeyWith401AndAWrongOneWith403()
    {
        using var missing = await app.Client.PutAsJsonAsync($"/api/admin/products/{Product}/price", new { price = 10 });
        using var wrong = Send(HttpMethod.Put, $"/api/admin/products/{Product}/price", new { price = 10 }, "not-the-key");
        using var wrongResponse = await app.Client.SendAsync(wrong);

        await missing.AssertProblemAsync(401);
        await wrongResponse.AssertProblemAsync(403);
    }

    [Fact]
    public async Task TheKeyIsCheckedBeforeTheBody()
    {
        using var content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");
        using var missing = await app.Client.PutAsync($"/api/admin/products/{Product}/stock", content);

        await missing.AssertProblemAsync(401);
    }

    [Fact]
    public async Task ANewPriceIsServedAndFilteredOnAtOnce()
    {
        var target = (await app.Client.GetListAsync("/api/search?q=analog%20watch&inStock=true&limit=1")).Items[0];

        using var request = Send(HttpMethod.Put, $"/api/admin/products/{target.Id}/price", new { price = 123456.5m }, AisleApp.AdminKey);
        using var response = await app.Client.SendAsync(request);
        var product = await app.Client.GetFromJsonAsync<ProductDto>($"/api/products/{target.Id}", ApiJson.Options);
        var cheap = await app.Client.GetListAsync("/api/search?q=analog%20watch&maxPrice=100000&limit=100");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(123456.5m, product!.Product.Price);
        Assert.DoesNotContain(cheap.Items, i => i.Id == target.Id);
    }

    [Fact]
    public async Task StockSetToZeroTakesAProductOutOfInStockResults()
    {
        var target = (await app.Client.GetListAsync("/api/search?q=pressure%20cooker&inStock=true&limit=1")).Items[0];

        using var request = Send(HttpMethod.Put, $"/api/admin/products/{target.Id}/stock", new { stock = 0 }, AisleApp.AdminKey);
        using var response = await app.Client.SendAsync(request);
        var inStock = await app.Client.GetListAsync("/api/search?q=pressure%20cooker&inStock=true&limit=50");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(inStock.Items, i => i.Id == target.Id);
    }

    [Fact]
    public async Task InvalidAdminValuesAreRefused()
    {
        using var negativePrice = await app.Client.SendAsync(Send(HttpMethod.Put, $"/api/admin/products/{Product}/price", new { price = -1 }, AisleApp.AdminKey));
        using var negativeStock = await app.Client.SendAsync(Send(HttpMethod.Put, $"/api/admin/products/{Product}/stock", new { stock = -4 }, AisleApp.AdminKey));
        using var unknown = await app.Client.SendAsync(Send(HttpMethod.Put, "/api/admin/products/no-such-product/stock", new { stock = 4 }, AisleApp.AdminKey));

        await negativePrice.AssertProblemAsync(400);
        await negativeStock.AssertProblemAsync(400);
        await unknown.AssertProblemAsync(404);
    }

    [Fact]
    public async Task VectorIngestIsAConflictWhenTheStoreIsEmbedded()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/vectors/ingest");
        request.Headers.Add("X-Api-Key", AisleApp.AdminKey);
        using var response = await app.Client.SendAsync(request);
        await response.AssertProblemAsync(409);

        using var anonymous = await app.Client.PostAsync("/api/admin/vectors/ingest", null);
        Assert.Equal(401, (int)anonymous.StatusCode);
    }

    private static HttpRequestMessage Send(HttpMethod method, string url, object body, string key)
    {
        var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", key);
        return request;
    }
}
