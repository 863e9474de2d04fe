using System.Net;
using System.Text.Json;
using Aisle.Llm;
using Aisle.Observability;

namespace Aisle.Tests.Llm;

/// <summary>The model's complements per category against the chat-completions stand-in, through two silos: what it
/// asks, what it keeps, and that every failure leaves "complete the look" with no proposals rather than an error.</summary>
[Collection(LlmCollection.Name)]
public sealed class LlmComplementsTests : IAsyncLifetime
{
    private static readonly (string, string, string?)[] PhoneComplements =
        [("screen guard", "tempered glass screen guard", "Mobiles & Accessories"), ("power bank", "power bank", null)];

    private LlmCluster _llm = null!;

    public async Task InitializeAsync() =>
        _llm = await LlmCluster.StartAsync(new Dictionary<string, string> { ["FailureThreshold"] = "1000" });

    public async Task DisposeAsync() => await _llm.DisposeAsync();

    private static string Unique(string category) => category + " > " + Guid.NewGuid().ToString("N")[..6];

    [Fact]
    public async Task TheRequestNamesTheCategoryAndCarriesTheSchemaAndTheBearerKey()
    {
        _llm.StandIn.Reply = _ => StandInReply.Json(ChatCompletionsStandIn.Complements(PhoneComplements));
        var category = Unique("Mobiles & Accessories > Mobiles");

        // The first call of a process may outlast the budget (client start-up); its answer is kept either way.
        IReadOnlyList<ComplementaryProducts> complements = [];
        Assert.True(await LlmCluster.EventuallyAsync(async () => (complements = await _llm.Complements[0].ForAsync(category, default)).Count > 0));

        Assert.Equal(
            [new ComplementaryProducts("screen guard", "tempered glass screen guard", "Mobiles & Accessories"), new ComplementaryProducts("power bank", "power bank", null)],
            complements);
        var request = Assert.Single(_llm.StandIn.Requests);
        Assert.Equal("Bearer " + _llm.Key, request.Authorization);
        Assert.Equal(LlmCluster.Model, request.Model);
        Assert.Equal("Category: " + category, request.Query);
        var schema = request.Body.GetProperty("response_format").GetProperty("json_schema");
        Assert.Equal(ComplementsPrompt.SchemaName, schema.GetProperty("name").GetString());
        var categories = schema.GetProperty("schema").GetProperty("properties").GetProperty("complements").GetProperty("items")
            .GetProperty("properties").GetProperty("category").GetProperty("enum").EnumerateArray()
            .Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToArray();
        Assert.Contains("Mobiles & Accessories", categories);
    }

    [Fact]
    public async Task BothSilosShareOneAnswerPerCategory()
    {
        _llm.StandIn.Reply = _ => StandInReply.Json(ChatCompletionsStandIn.Complements(PhoneComplements));
        var category = Unique("Mobiles & Accessories > Mobiles");
        var hits = AisleMetrics.LlmCacheHits.WithLabels(AisleMetrics.ComplementsPurpose);
        var before = hits.Value;

        var first = await _llm.Complements[0].ForAsync(category, default);
        var otherSilo = await _llm.Complements[1].ForAsync(category, default);
        var sameSilo = await _llm.Complements[0].ForAsync(category, default);

        Assert.Equal(2, first.Count);
        Assert.Equal(first, otherSilo);
        Assert.Equal(first, sameSilo);
        Assert.Single(_llm.StandIn.Requests);
        Assert.Equal(before + 2, hits.Value);
    }

    public static TheoryData<string> Failures => ["timeout", "rate_limited", "server_error", "malformed", "unknown_category"];

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task EveryFailureGivesNoComplementsAndIsCounted(string reason)
    {
        _llm.StandIn.Reply = reason switch
        {
            "timeout" => _ => StandInReply.Json(ChatCompletionsStandIn.Complements(PhoneComplements), _llm.Options.CallTimeout * 3),
            "rate_limited" => _ => StandInReply.Failure(HttpStatusCode.TooManyRequests),
            "server_error" => _ => StandInReply.Failure(HttpStatusCode.InternalServerError),
            "malformed" => _ => StandInReply.Json("{\"complements\": [{\"product_type\": \"scr"),
            "unknown_category" => _ => StandInReply.Json(ChatCompletionsStandIn.Complements(("rocket", "rocket", "Spaceships"))),
            _ => throw new ArgumentOutOfRangeException(nameof(reason)),
        };
        var fallbacks = AisleMetrics.LlmFallbacks.WithLabels(AisleMetrics.ComplementsPurpose, reason);
        var before = fallbacks.Value;

        var complements = await _llm.Complements[1].ForAsync(Unique("Footwear > Men's Footwear"), default);

        Assert.Empty(complements);
        Assert.Equal(before + 1, fallbacks.Value);
        Assert.Single(_llm.StandIn.Requests);
    }

    [Fact]
    public async Task AnAnswerAfterTheBudgetServesTheNextRequest()
    {
        _llm.StandIn.Reply = _ => StandInReply.Json(ChatCompletionsStandIn.Complements(PhoneComplements), _llm.Options.Budget * 3);
        var category = Unique("Mobiles & Accessories > Mobiles");

        var first = await _llm.Complements[0].ForAsync(category, default);

        Assert.Empty(first);
        Assert.True(await LlmCluster.EventuallyAsync(() => Task.FromResult(_llm.StandIn.Answered == 1)), "the late answer should arrive");
        Assert.True(await LlmCluster.EventuallyAsync(async () => (await _llm.Complements[1].ForAsync(category, default)).Count == 2));
        Assert.Single(_llm.StandIn.Requests);
    }

    [Fact]
    public async Task ComplementsHaveACircuitOfTheirOwn()
    {
        await using var llm = await LlmCluster.StartAsync(new Dictionary<string, string> { ["FailureThreshold"] = "2", ["OpenSeconds"] = "60" });
        llm.StandIn.Reply = _ => StandInReply.Failure(HttpStatusCode.InternalServerError);

        await llm.Complements[0].ForAsync(Unique("Watches"), default);
        await llm.Complements[1].ForAsync(Unique("Watches"), default);
        var whileOpen = await llm.Complements[0].ForAsync(Unique("Watches"), default);

        Assert.Empty(whileOpen);
        Assert.Equal(2, llm.StandIn.Requests.Count);
        Assert.Equal(CircuitState.Open, await llm.Client.GetGrain<ILlmCircuitGrain>(AisleMetrics.ComplementsPurpose).GetStateAsync());
        Assert.Equal(CircuitState.Closed, await llm.Client.GetGrain<ILlmCircuitGrain>(AisleMetrics.QueryUnderstandingPurpose).GetStateAsync());
    }
}
