using System.Text;
using Aisle.Frontend.Hosting;

namespace Aisle.Tests.Api;

/// <summary>Each endpoint refuses a body over its own limit with 413 problem+json, and takes one just under it.</summary>
[Collection(ApiCollection.Name)]
public sealed class BodyLimitsApiTests(AisleAppFixture app)
{
    private const string Product = "c2d766ca982eca8304150849735ffef9";

    public static TheoryData<string, string, long> Endpoints => new()
    {
        { "PUT", $"/api/admin/products/{Product}/price", BodyLimits.Admin },
        { "PUT", "/api/admin/rules", BodyLimits.Rules },
        { "PUT", "/api/admin/experiments/too-big", BodyLimits.Admin },
        { "POST", "/api/users/limits-shopper/cart/items", BodyLimits.Cart },
        { "POST", "/api/events", BodyLimits.Events },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task ABodyOverTheEndpointsLimitIsRefusedWith413(string method, string url, long limit)
    {
        using var response = await SendAsync(method, url, JsonOfSize(limit + 1));

        await response.AssertProblemAsync(413);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task ABodyJustUnderTheLimitIsReadAndJudgedOnItsContent(string method, string url, long limit)
    {
        using var response = await SendAsync(method, url, JsonOfSize(limit - 16));

        // Read and found wrong (a padded object is no valid request): a 400 from validation, not a 413.
        await response.AssertProblemAsync(400);
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string url, string json)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", AisleApp.AdminKey);
        return await app.Client.SendAsync(request);
    }

    /// <summary>A JSON object of exactly <paramref name="bytes"/> bytes: one padding field.</summary>
    private static string JsonOfSize(long bytes) => "{\"padding\":\"" + new string('x', (int)bytes - 14) + "\"}";
}
