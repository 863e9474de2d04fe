using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Aisle.Tests.Api;
using Xunit.Abstractions;

namespace Aisle.Tests.Llm;

/// <summary>The whole app with the model pointed at the stand-in: whatever the model does, a shopper's search answers 200.</summary>
[Collection(ApiCollection.Name)]
public sealed class LlmSearchApiTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "aisle-llm-api-" + Guid.NewGuid().ToString("N"));
    private readonly string _keyVariable = "AISLE_TEST_LLM_KEY_" + Guid.NewGuid().ToString("N");
    private ChatCompletionsStandIn _standIn = null!;
    private AisleApp _app = null!;

    public async Task InitializeAsync()
    {
        _standIn = await ChatCompletionsStandIn.StartAsync();
        Environment.SetEnvironmentVariable(_keyVariable, "xai-api-test");
        _app = await AisleApp.StartAsync(_dataDirectory, new Dictionary<string, string?>
        {
            ["Aisle:Llm:Endpoint"] = _standIn.Endpoint,
            ["Aisle:Llm:Model"] = LlmCluster.Model,
            ["Aisle:Llm:ApiKeyVariable"] = _keyVariable,
            ["Aisle:Llm:FailureThreshold"] = "1000",
            // These tests are about what a model's answer (or failure) does to a search, not how fast the stand-in
            // answers: under CPU load its answer took over the 300 ms default, and the search went on without it.
            ["Aisle:Llm:BudgetMs"] = "3000",
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _standIn.DisposeAsync();
        Environment.SetEnvironmentVariable(_keyVariable, null);
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task EveryModelFailureStillAnswersTheShopper()
    {
        var modes = new Dictionary<string, Func<StandInRequest, StandInReply>>
        {
            ["500"] = _ => StandInReply.Failure(HttpStatusCode.InternalServerError),
            ["429"] = _ => StandInReply.Failure(HttpStatusCode.TooManyRequests),
            ["hangs"] = request => StandInReply.Json(ChatCompletionsStandIn.Reading(request.Query), TimeSpan.FromSeconds(30)),
            ["malformed"] = _ => StandInReply.Json("<html>oops</html>"),
            ["unknown category"] = request => StandInReply.Json(ChatCompletionsStandIn.Reading(request.Query, category: "Spaceships")),
        };
        foreach (var (mode, reply) in modes)
        {
            _standIn.Reply = reply;
            var started = Stopwatch.GetTimestamp();
            using var response = await _app.Client.GetAsync($"/api/search?q=red+cotton+shirt+{Uri.EscapeDataString(mode)}&limit=5");
            output.WriteLine($"{mode}: {(int)response.StatusCode} in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var list = await response.Content.ReadFromJsonAsync<ListDto>(ApiJson.Options);
            Assert.NotEmpty(list!.Items);
        }

        Assert.Equal(modes.Count, _standIn.Requests.Count);
    }

    [Fact]
    public async Task AModelAnswerShapesTheSearchAndIsAskedOnce()
    {
        _standIn.Reply = request => StandInReply.Json(ChatCompletionsStandIn.Reading(request.Query, category: "Watches", confidence: 0.95));
        const string url = "/api/search?q=something+to+tell+the+time&limit=10";

        var first = Stopwatch.GetTimestamp();
        var understood = await _app.Client.GetListAsync(url);
        var firstMs = Stopwatch.GetElapsedTime(first).TotalMilliseconds;
        var again = Stopwatch.GetTimestamp();
        var cached = await _app.Client.GetListAsync(url);
        var againMs = Stopwatch.GetElapsedTime(again).TotalMilliseconds;
        output.WriteLine($"first search (model via stand-in) {firstMs:F0} ms; same search again (cached) {againMs:F0} ms");

        Assert.Equal("Watches", understood.Understood!.Category);
        Assert.All(understood.Items, i => Assert.StartsWith("Watches", i.Category, StringComparison.Ordinal));
        Assert.Equal(understood.Items.Select(i => i.Id), cached.Items.Select(i => i.Id));
        Assert.Single(_standIn.Requests);
    }
}
