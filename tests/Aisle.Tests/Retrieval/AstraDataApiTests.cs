using System.Diagnostics;
using System.Text.Json.Nodes;
using Aisle.Recommendations;
using Aisle.Retrieval;
using Aisle.Retrieval.Astra;
using Aisle.Tests.Retrieval.AstraStandIn;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace Aisle.Tests.Retrieval;

/// <summary>
/// The Data API's real shapes, met through the stand-in: errors inside HTTP 200, 429 and 5xx retried with backoff,
/// timeouts that end in a clear exception within the budget, a partial <c>insertMany</c> completed by replaces, the
/// document fields the filters rely on, and the token taken only from the environment.
/// </summary>
public sealed class AstraDataApiTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Dimensions = 16;
    private static readonly VectorTestData Data = VectorTestData.Create(60, Dimensions, clusters: 4, seed: 5);
    private DataApiStandIn _standIn = null!;

    public async Task InitializeAsync() => _standIn = await DataApiStandIn.StartAsync();

    public async Task DisposeAsync() => await _standIn.DisposeAsync();

    private async Task<AstraTestClient> FilledAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var client = await AstraTestClient.CreateAsync(_standIn, Dimensions, settings);
        await client.Index.UpsertAsync(Data.Documents);
        return client;
    }

    [Fact]
    public async Task DocumentsCarryTheFieldsTheFiltersMatch()
    {
        await using var client = await AstraTestClient.CreateAsync(_standIn, Dimensions);
        var document = Data.Documents[0] with
        {
            Metadata = new VectorMetadata("Clothing >> Men's Clothing > Shirts", " Nike ", 799.5, true, Aisle.Catalog.Gender.Men),
        };
        await client.Index.UpsertAsync([document]);

        var stored = _standIn.Collection("default_keyspace", client.Index.Client.Options.Collection)!.Find(new JsonObject()).Single();
        Assert.Equal(["clothing", "clothing > men's clothing", "clothing > men's clothing > shirts"], stored["categories"]!.AsArray().Select(c => c!.ToString()));
        Assert.Equal("nike", stored["brand"]!.ToString());
        Assert.Equal(799.5, stored["price"]!.GetValue<double>());
        Assert.True(stored["inStock"]!.GetValue<bool>());
        Assert.Equal(["men", "boys"], stored["shownFor"]!.AsArray().Select(c => c!.ToString()));
        Assert.Equal(Dimensions, stored["$vector"]!.AsArray().Count);
    }

    [Fact]
    public async Task ErrorsInsideAnHttp200AreErrorsNotEmptyAnswers()
    {
        await using var client = await FilledAsync();
        _standIn.Inject(new StandInFault("insertMany", ErrorCode: "SERVER_INTERNAL_ERROR"));
        var insert = await client.Index.Client.InsertManyAsync([AstraDocument.From(Data.Documents[0])], default);
        Assert.Empty(insert.InsertedIds);
        Assert.Equal("SERVER_INTERNAL_ERROR", Assert.Single(insert.Errors).ErrorCode);

        // A search the store answers with errors is, to the page, a store that is unavailable.
        _standIn.Inject(new StandInFault("find", ErrorCode: "COLLECTION_NOT_EXIST"));
        var unavailable = await Assert.ThrowsAsync<VectorStoreUnavailableException>(() => client.Index.SearchAsync(Data.Query(0), 5));
        Assert.Contains("COLLECTION_NOT_EXIST", unavailable.Message);

        // A write the store refuses throws, naming the code.
        _standIn.Inject(new StandInFault("updateOne", ErrorCode: "DOCUMENT_UPDATE_ERROR"));
        var refused = await Assert.ThrowsAsync<DataApiException>(() => client.Index.UpdatePriceAndStockAsync(Data.Documents[0]));
        Assert.Contains("DOCUMENT_UPDATE_ERROR", refused.Message);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    [InlineData(500)]
    public async Task ThrottledOrFailingAttemptsAreRetriedUntilTheyAnswer(int status)
    {
        await using var client = await FilledAsync();
        var expected = await client.Index.SearchAsync(Data.Query(1), 5);
        var findsBefore = _standIn.CountOf("find");
        _standIn.Inject(new StandInFault("find", Status: status));
        _standIn.Inject(new StandInFault("find", Status: status));

        var hits = await client.Index.SearchAsync(Data.Query(1), 5);

        Assert.Equal(expected, hits);
        Assert.Equal(3, _standIn.CountOf("find") - findsBefore);
    }

    [Fact]
    public async Task AStoreThatKeepsFailingEndsInAClearExceptionAfterTheRetries()
    {
        await using var client = await FilledAsync(new Dictionary<string, string?> { ["Aisle:AstraDb:MaxRetries"] = "2" });
        var findsBefore = _standIn.CountOf("find");
        for (var i = 0; i < 3; i++)
        {
            _standIn.Inject(new StandInFault("find", Status: 503));
        }

        var error = await Assert.ThrowsAsync<VectorStoreUnavailableException>(() => client.Index.SearchAsync(Data.Query(1), 5));
        Assert.Contains("503", error.Message);
        Assert.Equal(3, _standIn.CountOf("find") - findsBefore);
    }

    [Fact]
    public async Task ASlowStoreTimesOutWithinTheSearchBudget()
    {
        await using var client = await FilledAsync(new Dictionary<string, string?>
        {
            ["Aisle:AstraDb:SearchTimeoutMs"] = "600",
            ["Aisle:AstraDb:SearchAttemptTimeoutMs"] = "250",
        });
        for (var i = 0; i < 5; i++)
        {
            _standIn.Inject(new StandInFault("find", Delay: TimeSpan.FromSeconds(5)));
        }

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<VectorStoreUnavailableException>(() => client.Index.SearchAsync(Data.Query(2), 5));
        clock.Stop();

        Assert.Contains("did not answer within its budget", error.Message);
        Assert.InRange(clock.ElapsedMilliseconds, 250, 3000);
    }

    [Fact]
    public async Task OneSlowAttemptIsRetriedWithinTheBudget()
    {
        await using var client = await FilledAsync(new Dictionary<string, string?>
        {
            ["Aisle:AstraDb:SearchTimeoutMs"] = "4000",
            ["Aisle:AstraDb:SearchAttemptTimeoutMs"] = "300",
        });
        var expected = await client.Index.SearchAsync(Data.Query(2), 5);
        _standIn.Inject(new StandInFault("find", Delay: TimeSpan.FromSeconds(5)));

        Assert.Equal(expected, await client.Index.SearchAsync(Data.Query(2), 5));
    }

    [Fact]
    public async Task APartiallyFailedInsertManyIsCompletedDocumentByDocument()
    {
        await using var client = await AstraTestClient.CreateAsync(_standIn, Dimensions);
        var batch = Data.Documents.Take(20).ToList();
        _standIn.Inject(new StandInFault("insertMany", FailIds: new HashSet<string> { batch[3].Id, batch[11].Id }));

        await client.Index.UpsertAsync(batch);

        Assert.Equal(2, _standIn.CountOf("findOneAndReplace"));
        Assert.Equal(20, _standIn.Collection("default_keyspace", client.Index.Client.Options.Collection)!.Count);
        Assert.NotNull(await client.Index.GetVectorAsync(batch[11].Id));
    }

    [Fact]
    public async Task UpsertsAreSentInBatchesOfTheConfiguredSize()
    {
        await using var client = await AstraTestClient.CreateAsync(_standIn, Dimensions, new Dictionary<string, string?> { ["Aisle:AstraDb:InsertBatchSize"] = "20" });
        await client.Index.UpsertAsync(Data.Documents.Take(50).ToList());
        Assert.Equal(3, _standIn.CountOf("insertMany"));
        Assert.Equal(0, _standIn.CountOf("findOneAndReplace"));
    }

    [Fact]
    public async Task DeleteRemovesADocument()
    {
        await using var client = await FilledAsync();
        var id = Data.Documents[4].Id;
        Assert.True(await client.Index.DeleteAsync(id));
        Assert.False(await client.Index.DeleteAsync(id));
        Assert.Null(await client.Index.GetVectorAsync(id));
        Assert.DoesNotContain(await client.Index.SearchAsync(Data.Documents[4].Vector, 5), h => h.Id == id);
    }

    [Fact]
    public async Task TheClientAddsLittleToASearchOnLoopback()
    {
        await using var client = await FilledAsync(new Dictionary<string, string?> { ["Aisle:AstraDb:Dimensions"] = Dimensions.ToString() });
        var filter = new VectorFilter(Category: "footwear", InStockOnly: true);
        await client.Index.SearchAsync(Data.Query(0), 10, filter);
        var clock = Stopwatch.StartNew();
        const int searches = 200;
        for (var i = 0; i < searches; i++)
        {
            Assert.NotEmpty(await client.Index.SearchAsync(Data.Query(i), 10, filter));
        }

        var perSearch = clock.Elapsed.TotalMilliseconds / searches;
        output.WriteLine($"{perSearch:F2} ms per filtered top-10 search: client, HTTP on loopback and the stand-in over {Data.Documents.Count} documents.");
        Assert.True(perSearch < 100, $"{perSearch:F1} ms per search");
    }

    [Fact]
    public async Task AZeroQueryFindsNothingInsteadOfFailing()
    {
        await using var client = await FilledAsync();
        Assert.Empty(await client.Index.SearchAsync(new float[Dimensions], 5));
    }

    [Fact]
    public async Task AMissingTokenNamesTheVariableToSet()
    {
        await using var client = await AstraTestClient.CreateAsync(_standIn, Dimensions, new Dictionary<string, string?> { ["Aisle:AstraDb:TokenVariable"] = "AISLE_TEST_UNSET_TOKEN" }, createCollection: false);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.Index.SearchAsync(Data.Query(0), 5));
        Assert.Contains("AISLE_TEST_UNSET_TOKEN", error.Message);
    }

    [Fact]
    public async Task AHostConfiguredForAstraWithoutEndpointOrTokenRefusesToStart()
    {
        foreach (var (endpoint, variable) in new[] { ((string?)null, AstraTestClient.TokenVariable), (_standIn.Endpoint, "AISLE_TEST_NO_SUCH_TOKEN") })
        {
            Environment.SetEnvironmentVariable(AstraTestClient.TokenVariable, _standIn.Token);
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Aisle:AstraDb:Endpoint"] = endpoint,
                ["Aisle:AstraDb:TokenVariable"] = variable,
            });
            builder.Services.AddAstraDbVectorStore(builder.Configuration);
            using var host = builder.Build();

            var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
            Assert.Contains(endpoint is null ? "Endpoint" : "AISLE_TEST_NO_SUCH_TOKEN", error.Message);
        }
    }

    [Fact]
    public async Task AWrongTokenIsAConfigurationErrorNotARetry()
    {
        await using var client = await AstraTestClient.CreateAsync(_standIn, Dimensions, new Dictionary<string, string?> { ["Aisle:AstraDb:TokenVariable"] = "AISLE_TEST_WRONG_TOKEN" }, createCollection: false);
        Environment.SetEnvironmentVariable("AISLE_TEST_WRONG_TOKEN", "AstraCS:wrong");
        var before = _standIn.Requests;
        var error = await Assert.ThrowsAsync<DataApiException>(() => client.Index.GetVectorAsync("p00001"));
        Assert.Contains("HTTP_401", error.Message);
        Assert.Equal(1, _standIn.Requests - before);
    }
}
