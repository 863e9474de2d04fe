using System.Net;
using Aisle.Tests.Security;

namespace Aisle.Tests.Api;

/// <summary>
/// Behind a configured proxy each client has its own rate-limit bucket, and each admin key its own; admin calls are
/// counted by key name. One app of its own: it runs with a tiny public limit.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ClientLimitsApiTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "aisle-limits-" + Guid.NewGuid().ToString("N"));
    private AisleApp _app = null!;

    public async Task InitializeAsync() => _app = await AisleApp.StartAsync(_data, new Dictionary<string, string?>
    {
        ["Aisle:RateLimit:PermitsPerSecond"] = "5",
        ["Aisle:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        ["Aisle:AdminKeys:0:Name"] = "ops-old",
        ["Aisle:AdminKeys:0:Sha256"] = AdminKeysTests.Sha256("rotating-old"),
        ["Aisle:AdminKeys:1:Name"] = "ops-new",
        ["Aisle:AdminKeys:1:Sha256"] = AdminKeysTests.Sha256("rotating-new"),
    });

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    private async Task<HttpStatusCode[]> BurstAsync(string forwardedFor, int count) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/products/no-such-product");
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            using var response = await _app.Client.SendAsync(request);
            return response.StatusCode;
        }));

    [Fact]
    public async Task EachClientBehindTheProxyHasItsOwnBucket()
    {
        var first = await BurstAsync("203.0.113.7", 30);
        var other = await BurstAsync("203.0.113.8", 1);

        Assert.Contains(HttpStatusCode.TooManyRequests, first);
        Assert.Equal(HttpStatusCode.NotFound, Assert.Single(other));
    }

    [Fact]
    public async Task BothRotatingKeysOpenTheAdminApiAndAreCountedByName()
    {
        foreach (var key in new[] { "rotating-old", "rotating-new" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/rules");
            request.Headers.Add("X-Api-Key", key);
            using var response = await _app.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var metrics = await _app.Client.GetStringAsync("/metrics");
        Assert.True(MetricsText.Sample(metrics, "aisle_admin_requests_total{key=\"ops-old\"}") >= 1);
        Assert.True(MetricsText.Sample(metrics, "aisle_admin_requests_total{key=\"ops-new\"}") >= 1);
        Assert.DoesNotContain("rotating-", metrics);
    }
}
