using Aisle.Frontend.Hosting;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aisle.Catalog;
using Aisle.Tests.Api;
using Aisle.Tests.Catalog;
using CsCheck;
using Xunit.Abstractions;

namespace Aisle.Tests.Fuzz;

/// <summary>
/// Hostile input through every endpoint the OpenAPI document lists: at least 10,000 generated requests per run (admin
/// endpoints with a valid, a wrong and no key). Every answer must be 2xx, or 4xx as <c>application/problem+json</c>;
/// never a 5xx. Afterwards a normal search still answers. A failure prints CsCheck's seed, so
/// <c>AISLE_FUZZ_SEED=&lt;seed&gt;</c> replays exactly that case.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ApiFuzzTests(ITestOutputHelper output)
{
    private const int Requests = 10_000;

    /// <summary>The body limit of an operation (<see cref="BodyLimits"/>, as the API maps them).</summary>
    private static long BodyLimitOf(ApiOperation operation) => operation.Template switch
    {
        "/api/events" => BodyLimits.Events,
        var t when t.StartsWith("/api/admin/rules", StringComparison.Ordinal) => BodyLimits.Rules,
        var t when t.StartsWith("/api/admin", StringComparison.Ordinal) => BodyLimits.Admin,
        var t when t.StartsWith("/api/users/{id}/cart", StringComparison.Ordinal) || t == "/api/users/{id}/orders" => BodyLimits.Cart,
        _ => BodyLimits.Default,
    };

    /// <summary>
    /// Kestrel refuses some requests before any application code runs — a NUL or an invalid UTF-8 sequence in the
    /// decoded path, a request line or header over its limits — with a bare 400/414/431 and no body. The application
    /// cannot shape those answers, so they are the one accepted exception, and only for requests that carry such input.
    /// </summary>
    private static bool RefusedByKestrel(FuzzRequest request, HttpResponseMessage response)
    {
        return (int)response.StatusCode is 400 or 414 or 431
               && response.Content.Headers.ContentLength is null or 0
               && (KestrelRefusesPath(request) || request.Url.Length > 8_000 || request.ApiKey?.Length > 8_000);
    }

    private static bool KestrelRefusesPath(FuzzRequest request)
    {
        var path = request.Url.Split('?')[0];
        return HostileValues.RefusedInPath.Any(raw => path.Contains(raw, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task EveryGeneratedRequestGetsA2xxOrA4xxProblem()
    {
        // Its own app: the fuzzer changes prices, rules and experiments with the valid key, which other tests must not see.
        var data = Path.Combine(Path.GetTempPath(), "aisle-fuzz-" + Guid.NewGuid().ToString("N"));
        await using var app = await AisleApp.StartAsync(data, new Dictionary<string, string?> { ["Aisle:RateLimit:PermitsPerSecond"] = "1000000" });
        try
        {
            using var document = JsonDocument.Parse(await app.Client.GetStringAsync("/openapi/v1.json"));
            var operations = ApiOperation.ReadAll(document);
            Assert.True(operations.Count >= 20, $"only {operations.Count} operations in the OpenAPI document");

            var products = CatalogLoader.Load(RepoFiles.Catalog20k).Products;
            string[] valid = [products[0].Id, products[1].Id, products[^1].Id, "fuzz-shopper", "view", "purchase", "add_to_cart", "hybrid", "popular", "running", "recommendations", "search"];
            TameValues.UseProducts(products.Take(50).Select(p => p.Id));
            var statuses = new ConcurrentDictionary<(string Operation, int Status), int>();

            var elapsed = System.Diagnostics.Stopwatch.StartNew();
            await FuzzRequest.For(operations, valid, AisleApp.AdminKey).SampleAsync(async request =>
            {
                using var message = request.ToMessage();
                HttpResponseMessage response;
                try
                {
                    response = await app.Client.SendAsync(message);
                }
                catch (HttpRequestException) when (request.Body?.Bytes.Length > BodyLimitOf(request.Operation) || (request.Body is not null && KestrelRefusesPath(request)))
                {
                    // Kestrel answers as soon as it refuses the request — 413 when the declared length is over the
                    // limit, a bare 400 for a NUL or invalid UTF-8 in the path — and closes the connection; a client
                    // still writing the body sees the close instead of the answer. Nothing reached the app.
                    statuses.AddOrUpdate((request.Operation.ToString(), 0), 1, (_, n) => n + 1);
                    return;
                }

                using var _ = response;
                var status = (int)response.StatusCode;
                statuses.AddOrUpdate((request.Operation.ToString(), status), 1, (_, n) => n + 1);
                var type = response.Content.Headers.ContentType?.MediaType;
                if (status >= 500 || (status >= 400 && type != "application/problem+json" && !RefusedByKestrel(request, response)))
                {
                    var text = await response.Content.ReadAsStringAsync();
                    throw new Exception($"{status} {type}: {text[..Math.Min(text.Length, 500)]}");
                }
            }, seed: Environment.GetEnvironmentVariable("AISLE_FUZZ_SEED"), iter: Requests, threads: 4, print: request => request.ToString());

            output.WriteLine($"{statuses.Values.Sum():N0} requests in {elapsed.Elapsed.TotalSeconds:F1} s");
            foreach (var group in statuses.GroupBy(s => s.Key.Operation).OrderBy(g => g.Key))
            {
                output.WriteLine($"{group.Key}: {string.Join(", ", group.OrderBy(s => s.Key.Status).Select(s => $"{s.Key.Status}×{s.Value}"))}");
            }

            Assert.True(statuses.Values.Sum() >= Requests, $"{statuses.Values.Sum()} requests sent");
            Assert.Equal(operations.Count, statuses.Keys.Select(k => k.Operation).Distinct().Count());
            // Not only refusals: the generator reaches past validation on every kind of endpoint.
            Assert.Contains(statuses.Keys, k => k.Status is >= 200 and < 300 && k.Operation.StartsWith("POST /api/events"));
            Assert.Contains(statuses.Keys, k => k.Status is >= 200 and < 300 && k.Operation.StartsWith("PUT /api/admin"));
            Assert.Contains(statuses.Keys, k => k.Status is >= 200 and < 300 && k.Operation.StartsWith("GET /api/search"));

            using var search = await app.Client.GetAsync("/api/search?q=running%20shoes&limit=5");
            Assert.Equal(HttpStatusCode.OK, search.StatusCode);
            var list = await search.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(list.GetProperty("items").GetArrayLength() > 0);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
