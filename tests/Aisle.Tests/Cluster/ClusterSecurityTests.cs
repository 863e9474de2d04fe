using System.Net;
using System.Net.Http.Json;

namespace Aisle.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class ClusterSecurityTests(ClusterFixture cluster)
{
    [Fact]
    public async Task AdminEndpointsOfAClusterFrontendNeedTheApiKey()
    {
        await cluster.EnsureTwoSilosAsync();
        var product = (await ClusterApi.ProductIdsAsync(cluster.Http, "watch", 1))[0];

        async Task<HttpStatusCode> PutStockAsync(string? key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/admin/products/{product}/stock") { Content = JsonContent.Create(new { stock = 5 }) };
            if (key is not null)
            {
                request.Headers.Add("X-Api-Key", key);
            }

            using var response = await cluster.Http.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await PutStockAsync(null));
        Assert.Equal(HttpStatusCode.Forbidden, await PutStockAsync("not-the-key"));
        Assert.Equal(HttpStatusCode.OK, await PutStockAsync(ClusterApi.AdminKey));
    }

    [Fact]
    public async Task PublicEndpointsOfAClusterFrontendAreRateLimitedPerClient()
    {
        await cluster.EnsureTwoSilosAsync();
        var data = Path.Combine(Path.GetTempPath(), "aisle-ratelimit-" + Guid.NewGuid().ToString("N"));
        await using var limited = await cluster.StartFrontendAsync(data, new Dictionary<string, string?> { ["Aisle:RateLimit:PermitsPerSecond"] = "3" });

        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 10; i++)
        {
            statuses.Add(await limited.Client.GetAsync("/api/trending?limit=1"));
        }

        var rejected = statuses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToArray();
        Assert.NotEmpty(rejected);
        Assert.Contains(statuses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(rejected, r => Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType));
        Assert.All(rejected, r => Assert.True(r.Headers.RetryAfter is not null));
        // Operations endpoints are not limited: probes must not be refused under load.
        using var ready = await limited.Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        statuses.ForEach(r => r.Dispose());
    }
}
