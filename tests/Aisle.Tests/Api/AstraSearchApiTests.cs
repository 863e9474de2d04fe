using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Aisle.Retrieval;
using Aisle.Tests.Retrieval.AstraStandIn;

namespace Aisle.Tests.Api;

/// <summary>
/// Aisle configured with AstraDB as its vector store, pointed at the Data API stand-in: it starts without writing the
/// catalog, searches from its lexical source while the collection is missing (similar items, which need vectors,
/// answer 503 problem+json, never 500), the admin endpoint ingests the catalog, search then takes vector hits from
/// AstraDB, and a store that turns slow costs a search its vector hits, not its answer.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AstraSearchApiTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "aisle-astra-" + Guid.NewGuid().ToString("N"));
    private DataApiStandIn _standIn = null!;
    private AisleApp _app = null!;

    public async Task InitializeAsync()
    {
        _standIn = await DataApiStandIn.StartAsync();
        Environment.SetEnvironmentVariable(AstraTestClient.TokenVariable, _standIn.Token);
        _app = await AisleApp.StartAsync(_dataDirectory, new Dictionary<string, string?>
        {
            ["Aisle:Vectors:Store"] = "AstraDb",
            ["Aisle:AstraDb:Endpoint"] = _standIn.Endpoint,
            ["Aisle:AstraDb:Collection"] = "aisle_products",
            ["Aisle:AstraDb:TokenVariable"] = AstraTestClient.TokenVariable,
            ["Aisle:AstraDb:InsertBatchSize"] = "100",
            // Roomy for a loaded two-core machine (the stand-in scans 20k JSON documents per search); the fallback below
            // is measured against this budget, not against the 800 ms default.
            ["Aisle:AstraDb:SearchTimeoutMs"] = "6000",
            ["Aisle:AstraDb:SearchAttemptTimeoutMs"] = "3000",
            ["Aisle:AstraDb:RetryDelayMs"] = "10",
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _standIn.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task SearchGoesThroughAstraOnceIngestedAndFallsBackWhenItIsSlowOrMissing()
    {
        // No collection yet: search still answers, from the lexical index.
        var before = await _app.Client.GetListAsync("/api/search?q=analog%20watch&limit=20");
        Assert.NotEmpty(before.Items);
        Assert.DoesNotContain(before.Items, item => item.Sources.Contains("vector"));
        using (var similar = await _app.Client.GetAsync($"/api/products/{before.Items[0].Id}/similar"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, similar.StatusCode);
            Assert.Equal("application/problem+json", similar.Content.Headers.ContentType?.MediaType);
        }

        var status = await IngestAsync();
        Assert.Equal(VectorIngestStatus.Completed, status.State);
        Assert.Equal(status.Total, status.Written);
        Assert.True(status.Total >= 19_000, $"{status.Total} products");

        var after = await _app.Client.GetListAsync("/api/search?q=running%20shoes%20for%20men&limit=20");
        Assert.Contains(after.Items, item => item.Sources.Contains("vector"));
        Assert.All(after.Items, item => Assert.StartsWith("Footwear", item.Category));
        Assert.Equal(HttpStatusCode.OK, (await _app.Client.GetAsync($"/api/products/{after.Items[0].Id}/similar")).StatusCode);

        // The store turns slow: the search answers within the store's budget, from its lexical hits.
        for (var i = 0; i < 10; i++)
        {
            _standIn.Inject(new StandInFault("find", Delay: TimeSpan.FromSeconds(60)));
        }

        var clock = Stopwatch.StartNew();
        var slow = await _app.Client.GetListAsync("/api/search?q=leather%20wallet&limit=20");
        Assert.NotEmpty(slow.Items);
        Assert.DoesNotContain(slow.Items, item => item.Sources.Contains("vector"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"the slow store held the search {clock.Elapsed.TotalSeconds:F1} s (budget 6 s)");
    }

    private async Task<VectorIngestStatus> IngestAsync()
    {
        using (var start = new HttpRequestMessage(HttpMethod.Post, "/api/admin/vectors/ingest"))
        {
            start.Headers.Add("X-Api-Key", AisleApp.AdminKey);
            using var started = await _app.Client.SendAsync(start);
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        }

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var poll = new HttpRequestMessage(HttpMethod.Get, "/api/admin/vectors/ingest");
            poll.Headers.Add("X-Api-Key", AisleApp.AdminKey);
            using var response = await _app.Client.SendAsync(poll);
            var status = (await response.Content.ReadFromJsonAsync<VectorIngestStatus>(ApiJson.Options))!;
            if (status.State != VectorIngestStatus.Running || deadline.Elapsed > TimeSpan.FromMinutes(5))
            {
                return status;
            }

            await Task.Delay(250);
        }
    }
}
