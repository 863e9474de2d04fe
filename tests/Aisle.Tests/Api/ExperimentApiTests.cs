using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Aisle.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class ExperimentApiTests(AisleAppFixture app)
{
    private static HttpRequestMessage Admin(HttpMethod method, string url, object? body = null) => new(method, url)
    {
        Headers = { { "X-Api-Key", AisleApp.AdminKey } },
        Content = body is null ? null : JsonContent.Create(body),
    };

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body = null)
    {
        using var request = Admin(method, url, body);
        return await app.Client.SendAsync(request);
    }

    private static object Definition(string status = "running", double a = 50, double b = 50, object? extraWeights = null) => new
    {
        status,
        surface = "similar",
        attributionWindow = "01:00:00",
        variants = new object[]
        {
            new { name = "a", weight = a },
            new { name = "b", weight = b, weights = extraWeights ?? new { } },
        },
    };

    [Fact]
    public async Task InvalidDefinitionsAreRefusedNamingTheField()
    {
        using var sum = await SendAsync(HttpMethod.Put, "/api/admin/experiments/bad-sum", Definition(a: 50, b: 40));
        using var weight = await SendAsync(HttpMethod.Put, "/api/admin/experiments/bad-weight", Definition(extraWeights: new { colour = 1 }));
        using var unknown = await SendAsync(HttpMethod.Put, "/api/admin/experiments/bad-member", new { status = "running", variantz = 1 });
        using var noKey = await app.Client.PutAsJsonAsync("/api/admin/experiments/no-key", Definition());

        await sum.AssertProblemAsync(400);
        Assert.Contains("\"variants\"", await sum.Content.ReadAsStringAsync());
        await weight.AssertProblemAsync(400);
        Assert.Contains("variants[1].weights.colour", await weight.Content.ReadAsStringAsync());
        await unknown.AssertProblemAsync(400);
        Assert.Contains("variantz", await unknown.Content.ReadAsStringAsync());
        await noKey.AssertProblemAsync(401);
    }

    [Fact]
    public async Task AReportWithNoDataYetAnswersWithUnboundedIntervals()
    {
        var name = "empty-" + Guid.NewGuid().ToString("N")[..8];
        using (var created = await SendAsync(HttpMethod.Put, $"/api/admin/experiments/{name}", Definition(status: "draft")))
        {
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        }

        try
        {
            using var response = await SendAsync(HttpMethod.Get, $"/api/admin/experiments/{name}/report");
            var body = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("\"Infinity\"", body);
            Assert.Contains("\"draft\"", body);
        }
        finally
        {
            using var deleted = await SendAsync(HttpMethod.Delete, $"/api/admin/experiments/{name}");
        }
    }

    [Fact]
    public async Task ShoppersAreSplitListsCarryTheVariantAndAttributedPurchasesReachTheReport()
    {
        var name = "aa-" + Guid.NewGuid().ToString("N")[..8];
        using (var created = await SendAsync(HttpMethod.Put, $"/api/admin/experiments/{name}", Definition()))
        {
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        }

        try
        {
            // A second running experiment on the same surface would rank the same lists twice.
            using (var clash = await SendAsync(HttpMethod.Put, $"/api/admin/experiments/{name}-2", Definition()))
            {
                await clash.AssertProblemAsync(400);
                Assert.Contains("mutually exclusive", await clash.Content.ReadAsStringAsync());
            }

            var anchor = (await app.Client.GetListAsync("/api/search?q=analog%20watch&inStock=true&limit=1")).Items[0].Id;
            var shoppers = Enumerable.Range(0, 24).Select(i => $"{name}-shopper-{i}").ToArray();
            var variants = new Dictionary<string, string>();
            decimal revenue = 0;
            foreach (var shopper in shoppers)
            {
                using var response = await app.Client.GetAsync($"/api/products/{anchor}/similar?userId={shopper}&limit=5");
                var list = await response.Content.ReadFromJsonAsync<JsonElement>(ApiJson.Options);
                var variant = list.GetProperty("variant").GetString()!;
                Assert.Equal(name, list.GetProperty("experiment").GetString());
                Assert.Equal(variant, response.Headers.GetValues("Aisle-Variant").Single());
                Assert.Equal(list.GetProperty("requestId").GetString(), response.Headers.GetValues("Aisle-Request-Id").Single());
                variants[shopper] = variant;

                // The same shopper gets the same variant again.
                using var again = await app.Client.GetAsync($"/api/products/{anchor}/similar?userId={shopper}&limit=5");
                Assert.Equal(variant, again.Headers.GetValues("Aisle-Variant").Single());

                var item = list.GetProperty("items")[0];
                var requestId = list.GetProperty("requestId").GetString();
                using var events = await app.Client.PostEventsAsync(new
                {
                    events = new object[]
                    {
                        new { userId = shopper, kind = "click", productId = item.GetProperty("id").GetString(), requestId },
                        new { userId = shopper, kind = "purchase", productId = item.GetProperty("id").GetString(), requestId },
                    },
                });
                Assert.Equal(HttpStatusCode.OK, events.StatusCode);
                revenue += item.GetProperty("price").GetDecimal();
            }

            Assert.Contains("a", variants.Values);
            Assert.Contains("b", variants.Values);

            // Totals arrive through each silo's one-second buffer: wait for the state, not for a time.
            JsonElement report = default;
            for (var attempt = 0; attempt < 100; attempt++)
            {
                report = await (await SendAsync(HttpMethod.Get, $"/api/admin/experiments/{name}/report")).Content.ReadFromJsonAsync<JsonElement>();
                if (report.GetProperty("variants").EnumerateArray().Sum(v => v.GetProperty("counters").GetProperty("purchases").GetInt64()) == shoppers.Length)
                {
                    break;
                }

                await Task.Delay(100);
            }

            var rows = report.GetProperty("variants").EnumerateArray().ToDictionary(v => v.GetProperty("name").GetString()!);
            foreach (var variant in new[] { "a", "b" })
            {
                var counters = rows[variant].GetProperty("counters");
                var expected = variants.Values.Count(v => v == variant);
                Assert.Equal(expected, counters.GetProperty("shoppers").GetInt64());
                Assert.Equal(2 * expected, counters.GetProperty("impressions").GetInt64());
                Assert.Equal(expected, counters.GetProperty("clicks").GetInt64());
                Assert.Equal(expected, counters.GetProperty("converters").GetInt64());
                Assert.Equal(1.0, rows[variant].GetProperty("conversionRate").GetDouble());
            }

            var total = rows.Values.Sum(r => r.GetProperty("counters").GetProperty("revenue").GetDouble());
            Assert.Equal((double)revenue, total, 2);
            Assert.True(rows["b"].GetProperty("conversion").GetProperty("pValue").GetDouble() is >= 0 and <= 1);
            Assert.False(report.GetProperty("sampleRatio").GetProperty("mismatch").GetBoolean());
        }
        finally
        {
            using var deleted = await SendAsync(HttpMethod.Delete, $"/api/admin/experiments/{name}");
        }
    }
}
